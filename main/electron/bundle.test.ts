import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IPC_CHANNELS } from "../../shared/contract/bridge";
import { RENDERER_CSP } from "./security-policy";

/**
 * The real esbuild bundle, run in plain Node with a stand-in `electron` module (the binary cannot
 * be downloaded here). Proves the bundle loads as ESM, and that the built app wires the hardening
 * the unit tests check piece by piece.
 */
const build = fileURLToPath(new URL("./build.mjs", import.meta.url));
const register = fileURLToPath(new URL("../testing/electron-stub/register.mjs", import.meta.url));

let app: string;
let report: Record<string, unknown>;

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), "ehlo-bundle-"));
  // The bundle finds package.json (version, "type": "module") and the renderer relative to itself.
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "ehlo", version: "9.9.9-test", type: "module" }));
  mkdirSync(join(app, "out", "renderer"), { recursive: true });
  writeFileSync(join(app, "out", "renderer", "index.html"), "<!doctype html><title>stand-in</title>");
  const built = spawnSync(process.execPath, [build, join(app, "out", "electron")], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  const run = spawnSync(process.execPath, ["--import", register, join(app, "out", "electron", "main.js")], { encoding: "utf8", timeout: 20_000 });
  expect(run.status, run.stderr).toBe(0);
  report = JSON.parse(run.stdout) as Record<string, unknown>;
}, 60_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe("the built Electron main process", () => {
  it("hardens the window and enables the sandbox everywhere", () => {
    expect(report.sandbox).toBe(true);
    expect(report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String((report.webPreferences as { preload: string }).preload)).toMatch(/out[/\\]electron[/\\]preload\.cjs$/);
    expect(report.loadURL).toBe("app://ehlo/index.html");
    expect(report.schemes).toEqual([{ scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it("serves the renderer over app:// with the CSP, and nothing outside it", () => {
    const responses = report.responses as Record<string, { status: number; type: string; csp: string; body: string }>;
    expect(responses["app://ehlo/index.html"]).toMatchObject({ status: 200, type: "text/html; charset=utf-8", csp: RENDERER_CSP, body: expect.stringContaining("stand-in") });
    for (const url of ["app://ehlo/..%2fpackage.json", "app://ehlo/%2e%2e/package.json", "app://other/index.html"]) {
      expect(responses[url]?.status, url).toBe(404);
      expect(responses[url]?.body).not.toContain("9.9.9-test");
    }
  });

  it("denies permissions, new windows and navigation; opens only allowlisted https links", () => {
    expect([report.permissionGranted, report.permissionCheck]).toEqual([false, false]);
    expect(report.windowOpen).toEqual(["deny", "deny"]);
    expect(report.opened).toEqual(["https://www.rfc-editor.org/rfc/rfc5321"]);
    expect(report.navigationPrevented).toBe(3);
  });

  it("registers exactly the bridge's IPC channels", () => {
    expect(report.ipc).toEqual([`handle ${IPC_CHANNELS.appInfo}`, `on ${IPC_CHANNELS.startCheck}`, `on ${IPC_CHANNELS.cancelCheck}`]);
  });
});
