import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["main/**/*.test.ts", "shared/**/*.test.ts", "renderer/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites open real sockets; keep file-level parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
