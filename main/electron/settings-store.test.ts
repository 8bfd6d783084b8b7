import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addRecent, backupName, defaultSettings, loadSettings, MAX_RECENT_REPORTS, saveSettings, SettingsStore, SETTINGS_FILE, type Settings } from "./settings-store";

let dir: string;
let file: string;
const now = new Date("2025-03-04T05:06:07.089Z");
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ehlo-settings-"));
  file = join(dir, SETTINGS_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sample: Settings = {
  version: 1,
  window: { x: 10, y: 20, width: 1000, height: 700, maximized: false },
  recentReports: ["/home/u/a.ehlo"],
  view: { language: "ar", theme: "dark" },
};

describe("loadSettings", () => {
  it("a first start (no file) gives defaults and says nothing", async () => {
    expect(await loadSettings(file, now)).toEqual({ settings: defaultSettings(), notice: null });
  });

  it("reads back what saveSettings wrote, leaving no temporary file", async () => {
    await saveSettings(file, sample);
    expect(await loadSettings(file, now)).toEqual({ settings: sample, notice: null });
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    ["truncated JSON (a torn write by another tool)", '{"version": 1, "recentRep', /not valid JSON/],
    ["a wrong type", '{"version": 1, "recentReports": "a.ehlo"}', /recentReports/],
    ["an unknown key", '{"version": 1, "recentReports": [], "password": "x"}', /password|Unrecognized/i],
    ["an off-the-charts window", '{"version": 1, "recentReports": [], "window": {"x": 1e300, "y": 0, "width": 1, "height": 1, "maximized": false}}', /window\.x/],
    ["a newer version's file", '{"version": 2, "recentReports": []}', /newer version/],
    ["null", "null", /expected object/],
  ])("%s: sets the file aside, starts with defaults and says so once", async (_name, text, problem) => {
    writeFileSync(file, text);
    const first = await loadSettings(file, now);
    expect(first.settings).toEqual(defaultSettings());
    expect(first.notice).toMatch(problem);
    const backup = backupName(file, now);
    expect(first.notice).toContain(backup);
    expect(readFileSync(join(dir, backup), "utf8")).toBe(text);
    // The bad file is gone from its place: the next start is a quiet one.
    expect(await loadSettings(file, now)).toEqual({ settings: defaultSettings(), notice: null });
  });

  it("refuses an enormous file without parsing it", async () => {
    writeFileSync(file, " ".repeat(300 * 1024));
    expect((await loadSettings(file, now)).notice).toMatch(/far larger than a settings file/);
  });

  it("an unreadable settings path gives defaults and a notice, and touches nothing", async () => {
    mkdirSync(file);
    const loaded = await loadSettings(file, now);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.notice).toMatch(/could not read its settings file/);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  it("names backups by time, safely for every file system", () => {
    expect(backupName(file, now)).toBe("settings.damaged-2025-03-04T05-06-07Z.json");
  });
});

describe("SettingsStore", () => {
  it("coalesces updates into one atomic save and flushes on demand", async () => {
    const saves: Settings[] = [];
    const store = new SettingsStore(file, defaultSettings(), { delayMs: 10_000, save: async (_f, s) => void saves.push(s) });
    store.update((s) => ({ ...s, recentReports: addRecent(s.recentReports, "/a.ehlo") }));
    store.update((s) => ({ ...s, view: { language: "en", theme: "light" } }));
    expect(store.pending).toBe(true);
    expect(saves).toEqual([]);
    await store.flush();
    expect(saves).toEqual([{ version: 1, recentReports: ["/a.ehlo"], view: { language: "en", theme: "light" } }]);
    expect(store.pending).toBe(false);
    await store.flush();
    expect(saves).toHaveLength(1);
  });

  it("saves by itself after the delay, to the real file", async () => {
    const store = new SettingsStore(file, defaultSettings(), { delayMs: 20 });
    store.update((s) => ({ ...s, window: { x: 1, y: 2, width: 800, height: 600, maximized: true } }));
    const end = Date.now() + 5000;
    while ((await loadSettings(file, now)).settings.window === undefined && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect((await loadSettings(file, now)).settings.window).toEqual({ x: 1, y: 2, width: 800, height: 600, maximized: true });
  });

  it("refuses an invalid update instead of saving it", () => {
    const store = new SettingsStore(file, defaultSettings(), { delayMs: 10 });
    expect(() => store.update((s) => ({ ...s, recentReports: 5 as unknown as string[] }))).toThrow();
    expect(store.pending).toBe(false);
    expect(store.get()).toEqual(defaultSettings());
  });

  it("reports a failed save and keeps working", async () => {
    const errors: unknown[] = [];
    let fail = true;
    const saved: Settings[] = [];
    const store = new SettingsStore(file, defaultSettings(), {
      delayMs: 10_000,
      save: async (_f, s) => {
        if (fail) throw new Error("disk full");
        saved.push(s);
      },
      onError: (e) => errors.push(e),
    });
    store.update((s) => ({ ...s, recentReports: ["/x.ehlo"] }));
    await store.flush();
    expect(errors.map((e) => (e as Error).message)).toEqual(["disk full"]);
    fail = false;
    store.update((s) => ({ ...s, recentReports: ["/y.ehlo"] }));
    await store.flush();
    expect(saved).toEqual([{ version: 1, recentReports: ["/y.ehlo"] }]);
  });
});

describe("addRecent", () => {
  it("puts the newest first, without duplicates, up to the limit", () => {
    expect(addRecent(["/a", "/b"], "/b")).toEqual(["/b", "/a"]);
    const many = Array.from({ length: MAX_RECENT_REPORTS }, (_, i) => `/r${i}`);
    expect(addRecent(many, "/new")).toEqual(["/new", ...many.slice(0, MAX_RECENT_REPORTS - 1)]);
  });
});
