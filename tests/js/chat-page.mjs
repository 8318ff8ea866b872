// Two people on the chat page at /, on two different transports, in one room.
// Usage: node chat-page.mjs <base-url> <screenshot-folder> <room> <transport-a> <transport-b>
// Prints one JSON line per step with what each page showed, then {"done": true, "problems": [...]}.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, say, watchedPage } from "./browser.mjs";

const [baseUrl, shots, room, transportA, transportB] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const WAIT = { timeout: 20000 };
const problems = [];
const browser = await launch();

try {
  const alice = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  const bob = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  const shoot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  async function connect(page, user, transport) {
    await page.goto(baseUrl);
    await page.fill("#user", user);
    await page.check(`input[name=transport][value=${transport}]`);
    await page.fill("#namespace", "/chat");
    await page.click("#connect");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Connected"), null, WAIT);
    return page.textContent("#status");
  }
  const members = (page) => page.$$eval(`#rooms li.room[data-room="${room}"] li.member`, (items) => items.map((i) => i.dataset.user));
  const member = (user) => `#rooms li.room[data-room="${room}"] li.member[data-user="${user}"]`;
  const messageFrom = (who, text) => `#log li.message:has(b.who:text-is("${who}")):has(span.text:text-is("${text}"))`;

  const statusA = await connect(alice, "alice", transportA);
  const statusB = await connect(bob, "bob", transportB);
  await shoot(alice, "01-alice-connected");
  await shoot(bob, "01-bob-connected");
  say({ step: "connected", alice: statusA, bob: statusB });

  for (const page of [alice, bob]) {
    await page.fill("#room", room);
    await page.press("#room", "Enter");
    await page.waitForSelector(`#rooms li.room[data-room="${room}"]`, WAIT);
  }
  await alice.waitForSelector(member("bob"), WAIT);
  await bob.waitForSelector(member("alice"), WAIT);
  await shoot(alice, "02-alice-sees-bob");
  await shoot(bob, "02-bob-sees-alice");
  say({ step: "joined", alice: await members(alice), bob: await members(bob) });

  await alice.fill("#text", "hello from alice");
  await alice.press("#text", "Enter");
  await bob.waitForSelector(messageFrom("alice", "hello from alice"), WAIT);
  await bob.fill("#text", "hello from bob");
  await bob.click("#send");
  await alice.waitForSelector(messageFrom("bob", "hello from bob"), WAIT);
  await shoot(alice, "03-alice-messages");
  await shoot(bob, "03-bob-messages");
  say({ step: "messages", alice: await alice.$$eval("#log li.message", (l) => l.map((i) => i.textContent)), bob: await bob.$$eval("#log li.message", (l) => l.map((i) => i.textContent)) });

  await bob.fill("#to", "alice");
  await bob.fill("#direct-text", "psst, alice");
  await bob.press("#direct-text", "Enter");
  await alice.waitForSelector(messageFrom("bob → you", "psst, alice"), WAIT);
  await shoot(alice, "04-alice-direct-message");
  say({ step: "direct", alice: await alice.$$eval("#log li.message.direct", (l) => l.map((i) => i.textContent)) });

  await bob.click(`button[aria-label="Leave ${room}"]`);
  await bob.waitForSelector(`#rooms li.room[data-room="${room}"]`, { state: "detached", ...WAIT });
  await alice.waitForSelector(member("bob"), { state: "detached", ...WAIT });
  await alice.waitForSelector(`#log li.event:text-is("bob left ${room}.")`, WAIT);
  await shoot(alice, "05-alice-sees-bob-leave");
  await shoot(bob, "05-bob-left");
  say({ step: "left", alice: await members(alice), bobRooms: await bob.$$eval("#rooms li.room", (l) => l.length) });

  await alice.setViewportSize({ width: 390, height: 844 });
  await shoot(alice, "06-alice-390px");
  const overflow = await alice.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  say({ step: "narrow", overflow, width: await alice.evaluate(() => document.documentElement.clientWidth) });

  say({ done: true, problems });
} catch (error) {
  say({ done: false, error: String(error?.stack ?? error), problems });
} finally {
  await browser.close();
}
