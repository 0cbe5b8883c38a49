import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/fast-check-seed.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
