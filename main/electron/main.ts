import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { app, BrowserWindow, ipcMain, protocol, session, shell } from "electron";
import { mimeType, resolveStaticFile } from "../host/static-files";
import { createAppInfo } from "../services/app-info";
import { registerIpc } from "./ipc";
import { APP_ORIGIN, APP_SCHEME, RENDERER_CSP, appRequestPath, isAllowedExternalUrl } from "./security-policy";

/**
 * The Electron entry (bundled to out/electron/main.js). Deliberately thin: every decision lives
 * in security-policy.ts and ipc.ts, which are tested without the Electron binary. Hardening
 * follows Electron's security checklist (architecture convention 8). `safeStorage` will hold
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

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    title: "Ehlo",
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once("ready-to-show", () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on("second-instance", () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Every webContents, present and future: no new windows, no navigation, no webviews.
  app.on("web-contents-created", (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: "deny" };
    });
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-redirect", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // The app:// responses carry the CSP themselves; this covers anything else the session loads.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [RENDERER_CSP] } });
    });
    protocol.handle(APP_SCHEME, serveApp);
    registerIpc({ ipcMain, appInfo: createAppInfo("electron") });
    createWindow();
    app.on("activate", () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
}
