// What a test client received, in order, and a way to wait for something in it (the recovery scripts' clients).
export const TIMEOUT = 15000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Received {
  constructor(who) {
    this.who = who;
    this.items = [];
    this.waiters = [];
  }

  add(item) {
    this.items.push(item);
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The first item (from the start) that matches, waiting up to TIMEOUT for it if need be. */
  next(match, what) {
    const found = this.items.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.who} got no ${what} within ${TIMEOUT} ms`)), TIMEOUT);
      const waiter = () => {
        const hit = this.items.find(match);
        if (!hit) return;
        clearTimeout(timer);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(hit);
      };
      this.waiters.push(waiter);
    });
  }
}
