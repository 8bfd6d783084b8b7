import path from "node:path";
import type { MenuItemConstructorOptions } from "electron";
import type { MenuCommand, ViewState } from "../../shared/contract/desktop";

/**
 * The native menu as plain data (Electron's MenuItemConstructorOptions), built by a pure
 * function so it is tested without the Electron binary; main.ts hands it to Menu.buildFromTemplate.
 * Items the page acts on send a MenuCommand over the bridge; the rest main does itself.
 */

/** Where Help ▸ Documentation leads: an https page on the external-link allowlist. */
export const DOCUMENTATION_URL = "https://github.com/ehlo-app/ehlo#readme";

export interface MenuActions {
  command(command: MenuCommand): void;
  openReport(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  about(): void;
  documentation(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  recentReports: readonly string[];
  /** The page's language and theme; null until it has said (then nothing is ticked). */
  view: ViewState | null;
  /** Developer tools only in a development run, never in a release. */
  devTools: boolean;
}

/** On Windows and Linux "&" marks the access key; a file named "Q&A.ehlo" must show its "&". */
export function menuLabel(text: string): string {
  return text.replace(/&/g, "&&");
}

const LANGUAGES: readonly { command: MenuCommand; language: ViewState["language"]; label: string }[] = [
  { command: "language-en", language: "en", label: "English" },
  { command: "language-ar", language: "ar", label: "العربية" },
];
const THEMES: readonly { command: MenuCommand; theme: ViewState["theme"]; label: string }[] = [
  { command: "theme-system", theme: "system", label: "System" },
  { command: "theme-light", theme: "light", label: "Light" },
  { command: "theme-dark", theme: "dark", label: "Dark" },
];

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === "darwin";
  const recent: MenuItemConstructorOptions[] =
    state.recentReports.length === 0
      ? [{ label: "No recent reports", enabled: false }]
      : state.recentReports.map((file) => ({ label: menuLabel(path.basename(file)), toolTip: file, click: () => actions.openRecent(file) }));

  const file: MenuItemConstructorOptions = {
    label: "&File",
    submenu: [
      { label: "&New check", accelerator: "CmdOrCtrl+N", click: () => actions.command("new-check") },
      { label: "&Open report…", accelerator: "CmdOrCtrl+O", click: () => actions.openReport() },
      { label: "&Export…", accelerator: "CmdOrCtrl+E", click: () => actions.command("export-report") },
      { label: "Open &recent", submenu: [...recent, { type: "separator" }, { label: "&Clear recent", enabled: state.recentReports.length > 0, click: () => actions.clearRecent() }] },
      { type: "separator" },
      mac ? { role: "close" } : { role: "quit", label: "E&xit" },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: "&Edit",
    submenu: [{ role: "undo" }, { role: "redo" }, { type: "separator" }, { role: "cut" }, { role: "copy" }, { role: "paste" }, { role: "selectAll" }],
  };
  const view: MenuItemConstructorOptions = {
    label: "&View",
    submenu: [
      {
        label: "&Language",
        submenu: LANGUAGES.map((l) => ({ label: l.label, type: "radio", checked: state.view?.language === l.language, click: () => actions.command(l.command) })),
      },
      {
        label: "&Theme",
        submenu: THEMES.map((t) => ({ label: t.label, type: "radio", checked: state.view?.theme === t.theme, click: () => actions.command(t.command) })),
      },
      { type: "separator" },
      { role: "zoomIn" },
      { role: "zoomOut" },
      { role: "resetZoom" },
      { type: "separator" },
      { role: "togglefullscreen" },
      ...(state.devTools ? ([{ type: "separator" }, { role: "reload" }, { role: "toggleDevTools" }] satisfies MenuItemConstructorOptions[]) : []),
    ],
  };
  const about: MenuItemConstructorOptions = { label: `&About ${state.appName}`, click: () => actions.about() };
  const help: MenuItemConstructorOptions = {
    role: "help",
    label: "&Help",
    submenu: [{ label: "&Documentation", click: () => actions.documentation() }, ...(mac ? [] : [{ type: "separator" } as const, about])],
  };

  if (!mac) return [file, edit, view, help];
  // macOS: the app menu comes first and holds About, Hide and Quit; Window is a standard menu.
  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [about, { type: "separator" }, { role: "services" }, { type: "separator" }, { role: "hide" }, { role: "hideOthers" }, { role: "unhide" }, { type: "separator" }, { role: "quit" }],
  };
  return [appMenu, file, edit, view, { role: "windowMenu" }, help];
}

export interface Versions {
  app: string;
  electron?: string | undefined;
  chrome?: string | undefined;
  node?: string | undefined;
}

/** The About box's text: what a bug report needs. */
export function aboutDetail(versions: Versions): string {
  return [
    `Version ${versions.app}`,
    `Electron ${versions.electron ?? "unknown"}`,
    `Chromium ${versions.chrome ?? "unknown"}`,
    `Node.js ${versions.node ?? "unknown"}`,
  ].join("\n");
}
