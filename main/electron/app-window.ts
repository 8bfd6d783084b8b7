import { BrowserWindow } from "electron";
import { APP_ORIGIN } from "./security-policy";
import { MIN_WINDOW_SIZE, type WindowPlacement } from "./window-state";

/**
 * The app's window, hardened as Electron's security checklist says (architecture convention 8).
 * The options stay a literal in the constructor call so Electronegativity can read them in the
 * bundle; bundle.test.ts checks the built result.
 */
export function createAppWindow(placement: WindowPlacement, preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: "Ehlo",
    show: false,
    webPreferences: {
      preload,
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
  win.once("ready-to-show", () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
