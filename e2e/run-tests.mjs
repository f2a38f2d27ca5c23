// Runs the browser tests with node:test's spec reporter, then prints one closing line
// `e2e: N passed, N failed` that CI (and ../test's summary) reads.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const countsFile = "target/e2e-counts.json";
mkdirSync("target", { recursive: true });
rmSync(countsFile, { force: true });
const run = spawnSync(
  process.execPath,
  [
    "--test",
    "--test-concurrency=1",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=./count-reporter.mjs",
    `--test-reporter-destination=${countsFile}`,
    "test/demo.test.mjs",
    "test/event-source.test.mjs",
    "test/react.test.mjs",
  ],
  { stdio: "inherit" },
);
let counts;
try {
  counts = JSON.parse(readFileSync(countsFile, "utf8"));
} catch {
  // The runner died before reporting: count it as one failure rather than read as green.
  counts = { passed: 0, failed: 1, skipped: 0 };
}
if (run.status !== 0 && counts.failed === 0) {
  counts.failed = 1;
}
const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
process.exit(counts.failed > 0 ? 1 : 0);
