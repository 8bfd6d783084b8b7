import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { app, BrowserWindow, ipcMain, protocol, session, shell } from "electron";
import { mimeType, resolveStaticFile } from "../host/static-files";
import { createAppInfo } from "../services/app-info";
import { createAppServices } from "../services/app-services";
import { DesktopShell } from "./desktop-shell";
import { registerIpc } from "./ipc";
import { createElectronPrinter } from "./pdf-printer";
import { APP_SCHEME, RENDERER_CSP, appRequestPath, isAllowedExternalUrl } from "./security-policy";

/**
 * The Electron entry (bundled to out/electron/main.js). Deliberately thin: every decision lives
 * in security-policy.ts and ipc.ts, which are tested without the Electron binary. Hardening
 * follows Electron's security checklist (architecture convention 8); the desktop side (menus,
 * settings, window place, links and report files) is DesktopShell. `safeStorage` will hold
 * remembered passwords later; nothing is stored yet.
 */

const RENDERER_DIR = fileURLToPath(new URL("../renderer/", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./preload.cjs", import.meta.url));

// A standard, secure scheme gives the page a real origin (app://ehlo) instead of file://,
// whose pages could read any local file the process can.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const BASE_HEADERS = { "Content-Security-Policy": RENDERER_CSP, "X-Content-Type-Options": "nosniff" };

async function serveApp(request: Request): Promise<Response> {
  const path = appRequestPath(request.url);
  const file = path === null ? null : await resolveStaticFile(RENDERER_DIR, path);
  if (file === null) return new Response("Not found", { status: 404, headers: BASE_HEADERS });
  const body = new Uint8Array(await readFile(file));
  return new Response(body, { headers: { ...BASE_HEADERS, "Content-Type": mimeType(file) } });
}

/** The one place that opens a link outside the app: allowlisted https: URLs only. */
function openExternal(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

// One instance: a second launch (a double-clicked report, an ehlo:// link on Windows or Linux)
// hands its command line to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const desktop = new DesktopShell({ preload: PRELOAD, showInBrowser: openExternal });
  app.on("second-instance", (_event, argv, workingDirectory) => desktop.secondInstance(argv, workingDirectory));
  // macOS hands links and files over by event, possibly before `ready`: register them early.
  app.on("open-url", (event, url) => {
    event.preventDefault();
    void desktop.openLink(url);
  });
  app.on("open-file", (event, file) => {
    event.preventDefault();
    void desktop.openFile(file);
  });

  // Every webContents, present and future: no new windows, no navigation, no webviews.
  app.on("web-contents-created", (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url);
      return { action: "deny" };
    });
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // The app:// responses carry the CSP themselves; this covers anything else the session loads.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [RENDERER_CSP] } });
    });
    protocol.handle(APP_SCHEME, serveApp);
    registerIpc({ ipcMain, appInfo: createAppInfo("electron"), desktop, services: createAppServices({ printer: createElectronPrinter() }) });
    await desktop.start(process.argv, process.cwd());
    app.on("activate", () => {
      if (BrowserWindow.getAllWindows().length === 0) desktop.createWindow();
    });
  });

  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });

  // Settings are saved in the background; the last change must reach the disk before exit.
  app.on("will-quit", (event) => {
    if (!desktop.settingsPending) return;
    event.preventDefault();
    void desktop.flush().finally(() => app.quit());
  });
}
