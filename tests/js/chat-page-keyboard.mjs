// The chat page used with the keyboard alone (Tab, arrow keys, typing, Enter), and the server's errors on it.
// Usage: node chat-page-keyboard.mjs <base-url> <screenshot-folder> <room>
// Prints one JSON line per step, then {"done": true, "problems": [...]}.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, say, watchedPage } from "./browser.mjs";

const [baseUrl, shots, room] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 20000 };
const problems = [];
const browser = await launch();

try {
  const page = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  const shoot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const keys = page.keyboard;

  // Presses Tab until the focused element matches the selector; fails if it is not reachable.
  async function tabTo(selector, backwards = false) {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      await keys.press(backwards ? "Shift+Tab" : "Tab");
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  async function typeInto(selector, text) {
    await tabTo(selector);
    await keys.press("Control+A");
    await keys.type(text);
  }
  const lastError = () => page.textContent("#last-error");

  await page.goto(baseUrl);
  const links = await page.$$eval("header nav a", (as) => as.map((a) => ({ text: a.textContent, href: a.href })));
  const linkStatus = {};
  // As a browser follows a link: asking for HTML.
  for (const { text, href } of links) linkStatus[text] = (await page.request.get(href, { headers: { Accept: "text/html" } })).status();
  say({ step: "links", links: linkStatus });

  // A namespace the server does not have, over Socket.IO (chosen with the arrow keys): refused, and the page says why.
  await typeInto("#user", "carol");
  await tabTo("input[name=transport]:checked");
  await keys.press("ArrowRight");
  await keys.press("ArrowRight");
  await typeInto("#namespace", "/nope");
  await keys.press("Enter");
  await page.waitForSelector("#last-error:not([hidden])", WAIT);
  await shoot("11-refused");
  say({ step: "refused", error: await lastError(), status: await page.textContent("#status") });

  // Then SignalR (one arrow key back) and /chat.
  await tabTo("input[name=transport]:checked", true);
  await keys.press("ArrowLeft");
  await typeInto("#namespace", "/chat");
  await tabTo("#connect");
  await keys.press("Enter");
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Connected"), null, WAIT);
  say({ step: "connected", status: await page.textContent("#status"), focused: await page.evaluate(() => document.activeElement.id) });

  // Focus lands in the room field after connecting, and in the message field after joining.
  await keys.type(room);
  await keys.press("Enter");
  await page.waitForSelector(`#rooms li.room[data-room="${room}"] li.member[data-user="carol"]`, WAIT);
  await keys.type("typed, not clicked");
  await keys.press("Enter");
  await page.waitForSelector('#log li.message:has(span.text:text-is("typed, not clicked"))', WAIT);
  await shoot("12-keyboard-chat");
  say({ step: "chatted", log: await page.$$eval("#log li", (l) => l.map((i) => i.textContent)) });

  // A reserved event name: the server answers with its 'error' event, which the page shows.
  await typeInto("#event", "connect");
  await typeInto("#event-args", "[]");
  await keys.press("Enter");
  await page.waitForFunction(() => document.querySelector("#notices").textContent.includes("reserved_event"), null, WAIT);
  await shoot("13-server-error");
  say({ step: "error", error: await lastError(), notices: await page.$$eval("#notices li.error", (l) => l.map((i) => i.textContent)) });

  // Leave with the keyboard: the room's Leave button is reachable by Tab.
  await tabTo(`button[aria-label="Leave ${room}"]`, true);
  await keys.press("Enter");
  await page.waitForSelector(`#rooms li.room[data-room="${room}"]`, { state: "detached", ...WAIT });
  await tabTo("#disconnect", true);
  await keys.press("Enter");
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Not connected.", null, WAIT);
  say({ step: "disconnected", focused: await page.evaluate(() => document.activeElement.id) });

  say({ done: true, problems });
} catch (error) {
  say({ done: false, error: String(error?.stack ?? error), problems });
} finally {
  await browser.close();
}
