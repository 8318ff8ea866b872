// The browser's own EventSource on /sse/chat, in Chromium: it hears the room's events like any client.
// Usage: node event-source.mjs <base-url> <room>. Prints {"ready": …} once connected and joined, then
// {"message": …} when a 'chat message' reaches the room, then {"done": true, "problems": [...]}.
import { launch, say, watchedPage } from "./browser.mjs";

const [baseUrl, room] = process.argv.slice(2);
const problems = [];
const browser = await launch();
try {
  const page = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  await page.goto(baseUrl);
  const ready = await page.evaluate((room) => new Promise((resolve, reject) => {
    const source = new EventSource(`/sse/chat?user=browser-sse&rooms=${encodeURIComponent(room)}`);
    window.received = [];
    window.source = source;
    const parse = (name) => (message) => window.received.push({ name, args: JSON.parse(message.data) });
    for (const name of ["presence", "message", "chat message"]) source.addEventListener(name, parse(name));
    source.addEventListener("connect", (message) => {
      const [info] = JSON.parse(message.data);
      const joined = setInterval(() => {
        if (window.received.some((e) => e.name === "presence" && e.args[0].user === info.user)) {
          clearInterval(joined);
          resolve({ info, readyState: source.readyState });
        }
      }, 50);
    });
    source.onerror = () => reject(new Error(`EventSource error, readyState ${source.readyState}`));
  }), room);
  say({ ready });
  const message = await page.evaluate(() => new Promise((resolve) => {
    const look = setInterval(() => {
      const found = window.received.find((e) => e.name === "chat message");
      if (found) {
        clearInterval(look);
        window.source.close();
        resolve(found.args);
      }
    }, 50);
  }));
  say({ message });
  say({ done: true, problems });
} catch (error) {
  say({ done: false, error: String(error?.stack ?? error), problems });
} finally {
  await browser.close();
}
