import path from "node:path";
import { app, BrowserWindow, dialog, Menu, screen } from "electron";
import type { DesktopEvent, MenuCommand, ViewState } from "../../shared/contract/desktop";
import { EHLO_VERSION } from "../services/version";
import { createAppWindow } from "./app-window";
import { parseDeepLink } from "./deep-link";
import { DesktopOutbox } from "./desktop-outbox";
import type { DesktopIpcHandlers, RendererTarget } from "./ipc";
import { launchTargets } from "./launch-args";
import { aboutDetail, buildMenuTemplate, DOCUMENTATION_URL } from "./menu-template";
import { readReportFile } from "./report-file";
import { addRecent, loadSettings, SETTINGS_FILE, SettingsStore } from "./settings-store";
import { captureWindowState, restoreWindowPlacement } from "./window-state";

/**
 * The desktop side of the shell: windows that remember their place, the native menu, settings,
 * `ehlo://` links and report files from the OS (argv, a second launch, macOS open-url/open-file).
 * Every decision is a tested pure function (deep-link, launch-args, window-state, settings-store,
 * menu-template, report-file, desktop-outbox); this class only connects them to Electron.
 */

const APP_NAME = "Ehlo";

export interface DesktopShellOptions {
  preload: string;
  /**
   * Shows an allowlisted https page in the system browser (main.ts owns the one call to
   * shell.openExternal; Electronegativity reviews every call site by name).
   */
  showInBrowser(url: string): void;
}

export class DesktopShell implements DesktopIpcHandlers {
  private store: SettingsStore | null = null;
  private view: ViewState | null = null;
  private readonly outboxes = new Map<number, DesktopOutbox>();
  /** Links and files that arrive before the app is ready (macOS sends them at launch). */
  private early: { kind: "link" | "file"; value: string }[] | null = [];

  constructor(private readonly options: DesktopShellOptions) {}

  /** After app `ready`: settings, menu, the first window, then whatever the launch asked for. */
  async start(argv: readonly string[], cwd: string): Promise<void> {
    const loaded = await loadSettings(path.join(app.getPath("userData"), SETTINGS_FILE));
    this.store = new SettingsStore(path.join(app.getPath("userData"), SETTINGS_FILE), loaded.settings);
    this.view = loaded.settings.view ?? null;
    this.refreshMenu();
    const win = this.createWindow();
    if (loaded.notice !== null) {
      const notice = loaded.notice;
      win.once("ready-to-show", () => void dialog.showMessageBox(win, { type: "warning", message: "Your settings were reset", detail: notice, buttons: ["OK"] }));
    }
    const early = this.early ?? [];
    this.early = null;
    this.openTargets(launchTargets(argv, { skip: process.defaultApp ? 2 : 1, cwd }));
    for (const item of early) void (item.kind === "link" ? this.openLink(item.value) : this.openFile(item.value));
  }

  /** Whether settings changes still wait to be written (will-quit waits for flush()). */
  get settingsPending(): boolean {
    return this.store?.pending ?? false;
  }

  flush(): Promise<void> {
    return this.store?.flush() ?? Promise.resolve();
  }

  createWindow(): BrowserWindow {
    const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
    const win = createAppWindow(restoreWindowPlacement(this.store?.get().window, workAreas), this.options.preload);
    const remember = () => {
      const state = win.isDestroyed() ? null : captureWindowState(win);
      if (state !== null) this.store?.update((s) => ({ ...s, window: state }));
    };
    win.on("resize", remember);
    win.on("move", remember);
    win.on("maximize", remember);
    win.on("unmaximize", remember);
    win.on("close", remember);
    const contents = win.webContents;
    const outbox = new DesktopOutbox(contents);
    this.outboxes.set(contents.id, outbox);
    // A reload is a new page: it must subscribe again before it is sent anything.
    contents.on("did-start-loading", () => outbox.reset());
    contents.once("destroyed", () => this.outboxes.delete(contents.id));
    return win;
  }

  /** A second launch (Windows, Linux): focus this one, and open what it was asked to open. */
  secondInstance(argv: readonly string[], cwd: string): void {
    const win = this.mainWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    this.openTargets(launchTargets(argv, { skip: process.defaultApp ? 2 : 1, cwd }));
  }

  /** macOS `open-url`, or a link from argv. It only pre-fills the form; the user starts the check. */
  async openLink(url: string): Promise<void> {
    if (this.early !== null) {
      this.early.push({ kind: "link", value: url });
      return;
    }
    const result = parseDeepLink(url);
    const win = this.mainWindow();
    if (!result.ok) {
      await dialog.showMessageBox(win, { type: "warning", message: "This ehlo:// link was not used", detail: `${result.reason}.`, buttons: ["OK"] });
      return;
    }
    this.deliver(win, "prefillCheck", result.prefill);
    win.focus();
  }

  /** macOS `open-file`, a file from argv, File ▸ Open report… or Open recent. */
  async openFile(file: string): Promise<void> {
    if (this.early !== null) {
      this.early.push({ kind: "file", value: file });
      return;
    }
    const result = await readReportFile(file);
    const win = this.mainWindow();
    if (!result.ok) {
      this.store?.update((s) => ({ ...s, recentReports: s.recentReports.filter((f) => f !== file) }));
      this.refreshMenu();
      await dialog.showMessageBox(win, { type: "warning", message: "This report could not be opened", detail: result.reason, buttons: ["OK"] });
      return;
    }
    this.store?.update((s) => ({ ...s, recentReports: addRecent(s.recentReports, file) }));
    app.addRecentDocument(file);
    this.refreshMenu();
    this.deliver(win, "openReport", result.report);
    win.focus();
  }

  // DesktopIpcHandlers (called by ipc.ts after the sender check and schema validation).
  listening(sender: RendererTarget, event: DesktopEvent): void {
    this.outboxes.get(sender.id)?.markListening(event);
  }

  viewState(_sender: RendererTarget, state: ViewState): void {
    this.view = state;
    this.store?.update((s) => ({ ...s, view: state }));
    this.refreshMenu();
  }

  private openTargets(targets: { deepLink: string | null; reportFile: string | null }): void {
    if (targets.deepLink !== null) void this.openLink(targets.deepLink);
    if (targets.reportFile !== null) void this.openFile(targets.reportFile);
  }

  private mainWindow(): BrowserWindow {
    return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? this.createWindow();
  }

  private deliver(win: BrowserWindow, event: DesktopEvent, payload: unknown): void {
    this.outboxes.get(win.webContents.id)?.deliver(event, payload);
  }

  private refreshMenu(): void {
    const template = buildMenuTemplate(
      { platform: process.platform, appName: APP_NAME, recentReports: this.store?.get().recentReports ?? [], view: this.view, devTools: !app.isPackaged },
      {
        command: (command: MenuCommand) => this.deliver(this.mainWindow(), "menuCommand", command),
        openReport: () => void this.chooseReport(),
        openRecent: (file) => void this.openFile(file),
        clearRecent: () => {
          this.store?.update((s) => ({ ...s, recentReports: [] }));
          app.clearRecentDocuments();
          this.refreshMenu();
        },
        about: () => void this.about(),
        documentation: () => this.options.showInBrowser(DOCUMENTATION_URL),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private async chooseReport(): Promise<void> {
    const win = this.mainWindow();
    const choice = await dialog.showOpenDialog(win, {
      title: "Open report",
      properties: ["openFile"],
      filters: [{ name: "Ehlo reports", extensions: ["ehlo", "json"] }],
    });
    const file = choice.filePaths[0];
    if (!choice.canceled && file !== undefined) await this.openFile(file);
  }

  private async about(): Promise<void> {
    const versions = { app: EHLO_VERSION, electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node };
    await dialog.showMessageBox(this.mainWindow(), { type: "info", title: `About ${APP_NAME}`, message: `${APP_NAME} ${EHLO_VERSION}`, detail: aboutDetail(versions), buttons: ["OK"] });
  }
}
