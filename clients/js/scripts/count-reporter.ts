import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one closing line `vitest: N passed, N failed` (with `, N skipped` when there are
 * any) after Vitest's own summary, so that the last line of the repository's `./test` shows the
 * counts in the plain form that CI reads.
 */
export default class CountReporter implements Reporter {
  private line = "";

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === "passed" || state === "failed") {
          counts[state]++;
        } else {
          counts.skipped++;
        }
      }
      // A file that failed to load has no tests; count it, or a broken file would read as green.
      if (testModule.state() === "failed" && [...testModule.children.allTests()].length === 0) {
        counts.failed++;
      }
    }
    counts.failed += unhandledErrors.length;
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
    this.line = `vitest: ${counts.passed} passed, ${counts.failed} failed${skipped}`;
  }

  // Vitest 3 calls every reporter's onTestRunEnd, then every onFinished, where the default
  // reporter prints its summary; listed after it, this prints below that summary.
  onFinished(): void {
    console.log(this.line);
  }
}
