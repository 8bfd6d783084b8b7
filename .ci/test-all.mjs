#!/usr/bin/env node
// `npm test`: every suite, in order, with one closing count line that CI can read.
// Steps: typecheck (shared/ alone, with no DOM or Node types, then everything), lint (import
// boundaries included), the vitest suites (unit, integration against Postfix and fixtures),
// then the Playwright projects when present. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const steps = [
  ["typecheck shared/ (pure)", "npx", ["tsc", "-p", "shared/tsconfig.json"]],
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["lint", "npx", ["eslint", "."]],
  ["security (Electronegativity)", "npm", ["run", "test:security"]],
  ["vitest", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=.tmp/vitest.json"]],
];
if (existsSync("playwright.config.ts")) steps.push(["playwright e2e", "npx", ["playwright", "test"]]);

mkdirSync(".tmp", { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep = null;
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n### ${name}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  process.stdout.write(`### ${name}: ${r.status === 0 ? "ok" : `FAILED (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (name === "vitest" && existsSync(".tmp/vitest.json")) {
    const report = JSON.parse(readFileSync(".tmp/vitest.json", "utf8"));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  if (name === "playwright e2e" && existsSync(".tmp/playwright.json")) {
    const stats = JSON.parse(readFileSync(".tmp/playwright.json", "utf8")).stats ?? {};
    totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    totals.failed += stats.unexpected ?? 0;
    totals.skipped += stats.skipped ?? 0;
  }
  if (r.status !== 0) {
    failedStep = name;
    if (totals.failed === 0) totals.failed = 1;
    break;
  }
}
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
if (failedStep) process.stdout.write(`npm test failed at: ${failedStep}\n`);
process.exit(failedStep ? 1 : 0);
