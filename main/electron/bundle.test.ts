import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHOD_NAMES, methodChannel } from "../../shared/contract/methods";
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
  // A settings file damaged by something else: set aside, defaults used, the user told once.
  mkdirSync(join(app, "userData"));
  writeFileSync(join(app, "userData", "settings.json"), '{"version": 1, "window": {"x": ');
  const built = spawnSync(process.execPath, [build, join(app, "out", "electron")], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  // Launched by a link, as Windows and Linux do it (the link is the last argument).
  const link = "ehlo://check?host=smtp.example.com&port=587&tls=starttls&to=someone@example.com";
  const run = spawnSync(process.execPath, ["--import", register, join(app, "out", "electron", "main.js"), link], {
    encoding: "utf8",
    timeout: 20_000,
    env: { ...process.env, EHLO_STUB_USER_DATA: join(app, "userData") },
  });
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
    expect(report.ipc).toEqual([
      `handle ${IPC_CHANNELS.appInfo}`,
      `on ${IPC_CHANNELS.startCheck}`,
      // One channel per method of the contract, and one to cancel a call.
      ...METHOD_NAMES.map((m) => `handle ${methodChannel(m)}`),
      `on ${IPC_CHANNELS.methodCancel}`,
      `on ${IPC_CHANNELS.cancelCheck}`,
      `on ${IPC_CHANNELS.desktopListening}`,
      `on ${IPC_CHANNELS.viewState}`,
    ]);
  });

  it("a launch link pre-fills the form once the page listens, and never starts a check", () => {
    expect(report.sentBeforeListening).toBe(0);
    expect(report.sentToPage).toEqual([[IPC_CHANNELS.prefillCheck, { host: "smtp.example.com", port: 587, tls: "starttls", to: ["someone@example.com"] }]]);
  });

  it("a second launch's hostile link is refused with a message and reaches nothing", () => {
    expect(report.dialogs).toContainEqual(expect.stringMatching(/^This ehlo:\/\/ link was not used: .*control or invisible/));
  });

  it("a damaged settings file is set aside and the user is told, once; the window gets the default size", () => {
    const notices = (report.dialogs as string[]).filter((d) => d.startsWith("Your settings were reset"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/not valid JSON.*settings\.damaged-.*\.json/);
    expect(readdirSync(join(app, "userData")).filter((f) => f.startsWith("settings.damaged-"))).toHaveLength(1);
    expect(report.windowBounds).toEqual({ width: 1200, height: 820 });
  });

  it("sets the native menu", () => {
    expect(report.menu).toEqual(process.platform === "darwin" ? ["Ehlo", "&File", "&Edit", "&View", "windowMenu", "&Help"] : ["&File", "&Edit", "&View", "&Help"]);
  });
});
