// GraphiQL, as served at /graphql, runs a subscription: it shows articles added while it listens.
// Usage: node graphiql-subscription.mjs <base-url> <screenshot-folder>
// Prints {"step": "listening"} and {"step": "heard", "response": "..."}, then {"done": true, "problems": [...]}.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, say, watchedPage } from "./browser.mjs";

const [baseUrl, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const endpoint = baseUrl.replace(/\/$/, "") + "/graphql";
const problems = [];
const browser = await launch();

try {
  const page = await watchedPage(browser, { width: 1280, height: 800 }, problems);
  const query = "subscription { articleAdded { dbId title } }";
  await page.goto(`${endpoint}?query=${encodeURIComponent(query)}`);
  await page.waitForSelector(".graphiql-execute-button", { timeout: 30000 });
  await page.click(".graphiql-execute-button");
  say({ step: "listening" });

  // The IDE says nothing once its subscription has started, so articles are added until one shows.
  let response = "";
  for (let n = 1; n <= 40 && !response.includes("Seen in GraphiQL"); n++) {
    await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: `mutation { addArticle(title: "Seen in GraphiQL ${n}", year: 2026) { dbId } }` }),
    });
    await page.waitForTimeout(500);
    response = (await page.textContent(".graphiql-response")) ?? "";
  }
  await page.screenshot({ path: join(shots, "graphiql-subscription.png"), fullPage: true });
  say({ step: "heard", response });
  say({ done: true, problems });
} catch (error) {
  say({ done: false, error: String(error), problems });
} finally {
  await browser.close();
}
