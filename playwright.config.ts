import { register } from "node:module";
import { defineConfig } from "@playwright/test";
import type { Face } from "./e2e/support/app";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/support/chromium";

/**
 * End-to-end tests: the real renderer build, through the real engine, against real SMTP servers
 * on loopback (the test Postfix and Node fixture servers). Browsers are never downloaded: the
 * browser project drives Debian's Chromium (or EHLO_CHROMIUM); the electron project drives the
 * Electron binary where one exists and skips, saying why, where it does not.
 */
// Product code imports JSON without import attributes (fine for Vite, Vitest and tsx); Node's
// loader, which Playwright falls back to for .json, needs them. Runs in the runner and each worker.
register("./e2e/support/json-imports.mjs", import.meta.url);

export default defineConfig<{ face: Face }>({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e/artifacts/test-results",
  globalSetup: "./e2e/global-setup.ts",
  // Two cores: two workers, each with its own host and fixture servers; tests of a file run in order.
  workers: 2,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright.json" }]],
  use: {
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    colorScheme: "light",
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    // The Electron project never opens Chromium pages, but Playwright's `page` fixture is shared.
    launchOptions: { executablePath: chromiumPath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "browser", use: { face: "browser" } },
    { name: "electron", grep: /@key/, use: { face: "electron" } },
  ],
});
