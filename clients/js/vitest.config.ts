import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Node by default; the React hook's test file picks jsdom with a docblock of its own.
    environment: "node",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    reporters: ["default", "./scripts/count-reporter.ts"],
  },
});
