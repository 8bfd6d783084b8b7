import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { displayProblem, distRefusalLine, fallbackLine, fallbackReason, locateElectron, NOT_DOWNLOADED, STARTUP_GRACE_MS } from "./launch-decision";

const pkg = join("nm", "electron");
const files = (entries: Record<string, string>) => ({
  read: (f: string) => entries[f] ?? null,
  exists: (f: string) => f in entries,
});

describe("locateElectron", () => {
  it("finds the binary named by path.txt under dist/", () => {
    const fs = files({ [join(pkg, "path.txt")]: "electron", [join(pkg, "dist", "electron")]: "" });
    expect(locateElectron(pkg, {}, fs.read, fs.exists)).toEqual({ ok: true, path: join(pkg, "dist", "electron") });
  });

  it("reports a binary that was never downloaded (no path.txt), or deleted since", () => {
    expect(locateElectron(pkg, {}, () => null, () => false)).toEqual({ ok: false, reason: NOT_DOWNLOADED });
    const fs = files({ [join(pkg, "path.txt")]: "electron" });
    expect(locateElectron(pkg, {}, fs.read, fs.exists)).toEqual({ ok: false, reason: NOT_DOWNLOADED });
  });

  it("honours ELECTRON_OVERRIDE_DIST_PATH like the package does", () => {
    const fs = files({ [join("opt", "electron", "electron")]: "" });
    expect(locateElectron(pkg, { ELECTRON_OVERRIDE_DIST_PATH: join("opt", "electron") }, fs.read, fs.exists)).toEqual({ ok: true, path: join("opt", "electron", "electron") });
    expect(locateElectron(pkg, { ELECTRON_OVERRIDE_DIST_PATH: "nowhere" }, fs.read, fs.exists)).toMatchObject({ ok: false, reason: expect.stringMatching(/ELECTRON_OVERRIDE_DIST_PATH/) });
  });

  it("reports a missing package", () => {
    expect(locateElectron(null, {}, () => null, () => false)).toMatchObject({ ok: false, reason: expect.stringMatching(/npm install/) });
  });
});

describe("displayProblem", () => {
  it("needs DISPLAY or WAYLAND_DISPLAY on Linux only", () => {
    expect(displayProblem("linux", {})).toMatch(/no graphical display/);
    expect(displayProblem("linux", { DISPLAY: ":0" })).toBeNull();
    expect(displayProblem("freebsd", { WAYLAND_DISPLAY: "wayland-0" })).toBeNull();
    expect(displayProblem("darwin", {})).toBeNull();
    expect(displayProblem("win32", {})).toBeNull();
  });
});

describe("fallbackReason", () => {
  const exited = (code: number | null, afterMs: number, signal: string | null = null, interrupted = false) => ({ kind: "exited" as const, code, signal, afterMs, interrupted });

  it("falls back on a spawn error or a quick failing exit", () => {
    expect(fallbackReason({ kind: "spawn-error", message: "spawn EACCES" })).toBe("Electron failed to start: spawn EACCES");
    expect(fallbackReason(exited(1, 400))).toBe("Electron exited with code 1 after 0.4 s");
    expect(fallbackReason(exited(null, 1200, "SIGTRAP"))).toBe("Electron was killed by SIGTRAP after 1.2 s");
  });

  it("does not fall back when Electron ran, quit normally, or the user stopped it", () => {
    expect(fallbackReason(exited(0, 300))).toBeNull();
    expect(fallbackReason(exited(1, STARTUP_GRACE_MS + 1))).toBeNull();
    expect(fallbackReason(exited(null, 800, "SIGINT", true))).toBeNull();
  });

  it("prints one line", () => {
    const line = fallbackLine("no graphical display: DISPLAY and WAYLAND_DISPLAY are unset");
    expect(line).toBe("Electron cannot start here (no graphical display: DISPLAY and WAYLAND_DISPLAY are unset); serving the UI on loopback instead.");
    expect(line).not.toContain("\n");
  });
});

describe("distRefusalLine", () => {
  it("says in one line why installers cannot be built, with the download error when there was one", () => {
    const line = distRefusalLine(NOT_DOWNLOADED, "TypeError: fetch failed");
    expect(line).toBe(
      `npm run dist: cannot build installers here: ${NOT_DOWNLOADED}, and fetching it failed (TypeError: fetch failed). electron-builder needs the Electron binary; build them where GitHub downloads work (the release workflow does).`,
    );
    expect(line).not.toContain("\n");
    expect(distRefusalLine("no Electron binary at ELECTRON_OVERRIDE_DIST_PATH (x)", null)).toMatch(/^npm run dist: cannot build installers here: no Electron binary at ELECTRON_OVERRIDE_DIST_PATH \(x\)\. /);
  });
});
