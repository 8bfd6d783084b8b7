import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it } from "vitest";
import { MENU_COMMANDS } from "../../shared/contract/desktop";
import { aboutDetail, buildMenuTemplate, DOCUMENTATION_URL, menuLabel, type MenuActions, type MenuState } from "./menu-template";
import { isAllowedExternalUrl } from "./security-policy";

function recorder() {
  const calls: string[] = [];
  const actions: MenuActions = {
    command: (c) => calls.push(`command ${c}`),
    openReport: () => calls.push("openReport"),
    openRecent: (f) => calls.push(`openRecent ${f}`),
    clearRecent: () => calls.push("clearRecent"),
    about: () => calls.push("about"),
    documentation: () => calls.push("documentation"),
  };
  return { calls, actions };
}

const base: MenuState = { platform: "linux", appName: "Ehlo", recentReports: [], view: null, devTools: false };

const items = (menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] => menu.submenu as MenuItemConstructorOptions[];
/** Finds an item by its label (without access-key ampersands) along a path of labels. */
function find(template: MenuItemConstructorOptions[], ...labels: string[]): MenuItemConstructorOptions {
  let level = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = level.find((i) => i.label?.replace(/&(?!&)/g, "") === label);
    if (!found) throw new Error(`no menu item "${label}" among ${level.map((i) => i.label ?? i.role ?? i.type).join(", ")}`);
    level = (found.submenu as MenuItemConstructorOptions[]) ?? [];
  }
  return found as MenuItemConstructorOptions;
}
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe("buildMenuTemplate", () => {
  it("Windows and Linux: File, Edit, View, Help; About under Help; Exit under File", () => {
    const t = buildMenuTemplate(base, recorder().actions);
    expect(t.map((m) => m.label)).toEqual(["&File", "&Edit", "&View", "&Help"]);
    expect(items(find(t, "File")).at(-1)).toMatchObject({ role: "quit" });
    expect(find(t, "Help", "About Ehlo")).toBeDefined();
  });

  it("macOS: the app menu first with About and Quit, and a Window menu", () => {
    const t = buildMenuTemplate({ ...base, platform: "darwin" }, recorder().actions);
    expect(t.map((m) => m.label ?? m.role)).toEqual(["Ehlo", "&File", "&Edit", "&View", "windowMenu", "&Help"]);
    expect(items(t[0] as MenuItemConstructorOptions).map((i) => i.label ?? i.role)).toContain("quit");
    expect(() => find(t, "Help", "About Ehlo")).toThrow();
  });

  it("sends the page exactly the fixed commands, and does the rest itself", () => {
    const { calls, actions } = recorder();
    const t = buildMenuTemplate({ ...base, recentReports: ["/r/a.ehlo"] }, actions);
    for (const path of [
      ["File", "New check"],
      ["File", "Open report…"],
      ["File", "Export…"],
      ["File", "Open recent", "a.ehlo"],
      ["File", "Open recent", "Clear recent"],
      ["View", "Language", "English"],
      ["View", "Language", "العربية"],
      ["View", "Theme", "System"],
      ["View", "Theme", "Light"],
      ["View", "Theme", "Dark"],
      ["Help", "Documentation"],
      ["Help", "About Ehlo"],
    ]) {
      click(find(t, ...path));
    }
    expect(calls).toEqual([
      "command new-check",
      "openReport",
      "command export-report",
      "openRecent /r/a.ehlo",
      "clearRecent",
      "command language-en",
      "command language-ar",
      "command theme-system",
      "command theme-light",
      "command theme-dark",
      "documentation",
      "about",
    ]);
    const sent = calls.filter((c) => c.startsWith("command ")).map((c) => c.slice(8));
    expect(new Set(sent)).toEqual(new Set(MENU_COMMANDS));
  });

  it("ticks the page's language and theme once it has said them", () => {
    const t = buildMenuTemplate({ ...base, view: { language: "ar", theme: "dark" } }, recorder().actions);
    expect(items(find(t, "View", "Language")).map((i) => i.checked)).toEqual([false, true]);
    expect(items(find(t, "View", "Theme")).map((i) => i.checked)).toEqual([false, false, true]);
    const unknown = buildMenuTemplate(base, recorder().actions);
    expect(items(find(unknown, "View", "Theme")).every((i) => i.checked === false && i.type === "radio")).toBe(true);
  });

  it("zoom uses Electron's own roles; developer tools only in development", () => {
    const roles = (t: MenuItemConstructorOptions[]) => items(find(t, "View")).map((i) => i.role).filter(Boolean);
    expect(roles(buildMenuTemplate(base, recorder().actions))).toEqual(["zoomIn", "zoomOut", "resetZoom", "togglefullscreen"]);
    expect(roles(buildMenuTemplate({ ...base, devTools: true }, recorder().actions))).toContain("toggleDevTools");
  });

  it("lists recent reports by name with the full path as tooltip; an empty list says so", () => {
    const t = buildMenuTemplate({ ...base, recentReports: ["/home/u/Q&A.ehlo", "/tmp/b.ehlo"] }, recorder().actions);
    const recent = items(find(t, "File", "Open recent"));
    expect(recent.slice(0, 2).map((i) => [i.label, i.toolTip])).toEqual([["Q&&A.ehlo", "/home/u/Q&A.ehlo"], ["b.ehlo", "/tmp/b.ehlo"]]);
    const empty = items(find(buildMenuTemplate(base, recorder().actions), "File", "Open recent"));
    expect(empty[0]).toMatchObject({ label: "No recent reports", enabled: false });
    expect(empty.at(-1)).toMatchObject({ enabled: false });
  });
});

describe("About and Documentation", () => {
  it("the About text names every version a bug report needs", () => {
    expect(aboutDetail({ app: "1.2.3", electron: "45.3.4", chrome: "141.0.1", node: "22.20.0" })).toBe("Version 1.2.3\nElectron 45.3.4\nChromium 141.0.1\nNode.js 22.20.0");
    expect(aboutDetail({ app: "1.2.3" })).toContain("Electron unknown");
  });

  it("the documentation link passes the external-link allowlist", () => {
    expect(isAllowedExternalUrl(DOCUMENTATION_URL)).toBe(true);
  });

  it("escapes access-key ampersands", () => {
    expect(menuLabel("R&D & QA")).toBe("R&&D && QA");
  });
});
