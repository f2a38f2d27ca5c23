// A node:test reporter that writes only the totals, as JSON, for run-tests.mjs to print as the closing line.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    // Count tests, not the files that hold them (top-level file entries have no line number).
    if ((event.type === "test:pass" || event.type === "test:fail") && event.data.details?.type !== "suite"
        && event.data.line !== undefined) {
      if (event.data.skip || event.data.todo) {
        skipped++;
      } else if (event.type === "test:pass") {
        passed++;
      } else {
        failed++;
      }
    }
  }
  yield JSON.stringify({ passed, failed, skipped }) + "\n";
}
