// Prints the closing line of ../test: `all: N passed, N failed`, the sum of Maven Surefire's reports, Vitest's
// count line and the browser test's count line.
// Usage: node e2e/summary.mjs <repository root> <file holding Vitest's output> <file holding the e2e output>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [root, vitestLog, e2eLog] = process.argv.slice(2);
const total = { passed: 0, failed: 0 };
const parts = [];

const surefire = surefireCounts(root);
add("maven", surefire);
add("vitest", countLine(vitestLog, "vitest"));
add("e2e", countLine(e2eLog, "e2e"));
console.log(`(${parts.join("; ")})`);
console.log(`all: ${total.passed} passed, ${total.failed} failed`);

function add(name, counts) {
  total.passed += counts.passed;
  total.failed += counts.failed;
  parts.push(`${name}: ${counts.passed} passed, ${counts.failed} failed`);
}

// Reads `vitest: N passed, N failed` (or `e2e: ...`); a missing line counts as one failure, never as green.
function countLine(file, name) {
  const text = readFileSync(file, "utf8");
  const matches = [...text.matchAll(new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, "gm"))];
  if (matches.length === 0) {
    return { passed: 0, failed: 1 };
  }
  const last = matches[matches.length - 1];
  return { passed: Number(last[1]), failed: Number(last[2]) };
}

function surefireCounts(dir) {
  const counts = { passed: 0, failed: 0 };
  for (const file of reportFiles(dir)) {
    const head = /<testsuite\b[^>]*>/.exec(readFileSync(file, "utf8"))?.[0] ?? "";
    const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
    const failed = attr("failures") + attr("errors");
    counts.failed += failed;
    counts.passed += attr("tests") - failed - attr("skipped");
  }
  return counts;
}

function* reportFiles(dir, depth = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === "node_modules" || entry.name.startsWith(".")) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.name === "target") {
      const reports = join(path, "surefire-reports");
      try {
        for (const name of readdirSync(reports)) {
          if (name.startsWith("TEST-") && name.endsWith(".xml")) {
            yield join(reports, name);
          }
        }
      } catch {
        // a module without tests
      }
    } else if (depth < 3) {
      yield* reportFiles(path, depth + 1);
    }
  }
}
