import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["main/**/*.test.ts", "shared/**/*.test.ts", "renderer/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites open real sockets; keep file-level parallelism modest on 2 cores.
    maxWorkers: 2,
    // Hubs save every finished check to the history: in tests, never into the user's data folder.
    env: { EHLO_DATA_DIR: join(tmpdir(), `ehlo-vitest-data-${process.pid}`) },
  },
});
