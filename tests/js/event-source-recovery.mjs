// The browser's own EventSource, in Chromium, losing its stream and reconnecting by itself with Last-Event-ID.
// Usage: node event-source-recovery.mjs <base-url> <room> <user>. Prints {"ready": {sid, user}} once connected and
// joined, {"resumed": {...}} when the reconnected stream says it resumed, then, once a 'chat message' with the text
// "after" came, {"done": true, "received": [{name, args, id}], "problems": [...]}.
import { launch, say, watchedPage } from "./browser.mjs";

const [baseUrl, room, user] = process.argv.slice(2);
const problems = [];
const browser = await launch();
const poll = (page, condition) => page.evaluate((condition) => new Promise((resolve) => {
  const look = setInterval(() => {
    const found = window.received.find(new Function("e", `return ${condition}`));
    if (found) { clearInterval(look); resolve(found); }
  }, 50);
}), condition);
try {
  const page = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  await page.goto(baseUrl);
  await page.evaluate(({ room, user }) => {
    const source = new EventSource(`/sse/chat?user=${user}&rooms=${encodeURIComponent(room)}`);
    window.received = [];
    window.source = source;
    // EventSource fires an 'error' of its own, with no data, when the stream drops: only the server's carry data.
    for (const name of ["connect", "presence", "chat message", "resumed", "error"])
      source.addEventListener(name, (message) => {
        if (message.data !== undefined) window.received.push({ name, args: JSON.parse(message.data), id: message.lastEventId });
      });
  }, { room, user });
  const connected = await poll(page, `e.name === "connect"`);
  await poll(page, `e.name === "presence" && e.args[0].user === ${JSON.stringify(user)}`);
  say({ ready: connected.args[0] });
  const resumed = await poll(page, `e.name === "resumed"`);
  say({ resumed: resumed.args[0] });
  await poll(page, `e.name === "chat message" && e.args[0].text === "after"`);
  const received = await page.evaluate(() => { window.source.close(); return window.received; });
  say({ done: true, received, problems });
} catch (error) {
  say({ done: false, error: String(error?.stack ?? error), problems });
} finally {
  await browser.close();
}
