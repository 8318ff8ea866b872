// What the socket.io-client scenario scripts share: connecting with the transports a test asks for, waiting for
// events, and running one named scenario to "PASS <name>" (exit 0) or "FAIL <name>: <reason>" (exit 1).
const { io } = require("socket.io-client");

function kit({ baseUrl, transportMode, timeout }) {
  const sockets = [];

  /** Connects to a namespace; `options` go to io() after the defaults (forceNew, no reconnection, the transports). */
  function connect(ns, options = {}) {
    const socket = io(baseUrl.replace(/\/$/, "") + ns, {
      forceNew: true,
      reconnection: false,
      transports: transportMode === "websocket" ? ["websocket"] : ["polling", "websocket"],
      ...options,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (err) => reject(new Error(`connect_error on ${ns}: ${err.message}`)));
    });
  }

  function next(socket, event, match = () => true) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeout} ms`)), timeout);
      const handler = (...args) => {
        if (!match(...args)) return;
        clearTimeout(timer);
        socket.off(event, handler);
        resolve(args);
      };
      socket.on(event, handler);
    });
  }

  function equal(actual, expected, what) {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
  }

  async function run(scenarios, name) {
    const scenario = scenarios[name];
    if (!scenario) { console.log(`FAIL ${name}: no such scenario`); process.exit(2); }
    const guard = setTimeout(() => { console.log(`FAIL ${name}: timed out`); process.exit(1); }, 3 * timeout);
    try {
      await scenario();
      console.log(`PASS ${name}`);
      process.exitCode = 0;
    } catch (err) {
      console.log(`FAIL ${name}: ${err.message}`);
      process.exitCode = 1;
    } finally {
      clearTimeout(guard);
      sockets.forEach((s) => s.disconnect());
      setTimeout(() => process.exit(), 100);
    }
  }

  return { connect, next, equal, run, sockets, rand: () => Math.random().toString(36).slice(2, 8) };
}

module.exports = { kit };
