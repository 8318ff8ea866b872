// Adds up the CTRF reports that each test project wrote and prints "N passed, N failed, N skipped".
// A test run that failed without saying which test (a crashed or timed-out test project) counts as one failure.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [folder, status] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
let files = [];
try {
  files = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith(".ctrf") || String(f).endsWith(".json"));
} catch {
  // No results folder: nothing ran.
}
for (const file of files) {
  // A failure message can carry raw control characters (a protocol's separators), which JSON does not allow.
  const text = readFileSync(join(folder, String(file)), "utf8").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, " ");
  const summary = JSON.parse(text)?.results?.summary;
  if (!summary) continue;
  passed += summary.passed ?? 0;
  failed += summary.failed ?? 0;
  skipped += (summary.skipped ?? 0) + (summary.pending ?? 0);
}
if (Number(status) !== 0 && failed === 0) failed = 1;
if (files.length === 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
