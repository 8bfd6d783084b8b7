// A stand-in for the `electron` module with just what main/electron/main.ts uses. Once the app
// loads its window, it probes the wiring (protocol, permissions, navigation, IPC, desktop events)
// and prints one JSON report on stdout, then exits. userData is $EHLO_STUB_USER_DATA. Test-only code.
const report = { schemes: [], sandbox: false, ipc: [], opened: [], dialogs: [], sentToPage: [], menu: [] };
const appListeners = new Map();
const protocolHandlers = new Map();
const ipcListeners = new Map();
let permissionRequest = null;
let permissionCheck = null;

export const app = {
  isPackaged: false,
  enableSandbox: () => (report.sandbox = true),
  requestSingleInstanceLock: () => true,
  on: (event, listener) => appListeners.set(event, listener),
  whenReady: () => Promise.resolve(),
  quit: () => {},
  getPath: (name) => {
    if (name !== "userData" || !process.env.EHLO_STUB_USER_DATA) throw new Error(`stub: no path for ${name}`);
    return process.env.EHLO_STUB_USER_DATA;
  },
  addRecentDocument: () => {},
  clearRecentDocuments: () => {},
};

export const dialog = {
  showMessageBox: async (_win, options) => {
    report.dialogs.push(`${options.message}: ${options.detail ?? ""}`);
    return { response: 0 };
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => (report.menu = menu.template.map((item) => item.label ?? item.role)),
};

const display = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = { getPrimaryDisplay: () => display, getAllDisplays: () => [display] };

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report.schemes.push(...schemes),
  handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (permissionCheck = fn),
    webRequest: { onHeadersReceived: () => {} },
  },
};

export const ipcMain = {
  handle: (channel) => report.ipc.push(`handle ${channel}`),
  on: (channel, listener) => {
    report.ipc.push(`on ${channel}`);
    ipcListeners.set(channel, listener);
  },
};

export const shell = { openExternal: async (url) => report.opened.push(url) };

const windows = [];
const readyToShow = [];

export class BrowserWindow {
  static getAllWindows() {
    return windows;
  }
  static getFocusedWindow() {
    return null;
  }
  constructor(options) {
    report.webPreferences = options.webPreferences;
    report.windowBounds = { width: options.width, height: options.height, x: options.x, y: options.y };
    this.webContents = {
      id: 1,
      send: (channel, ...args) => report.sentToPage.push([channel, ...args]),
      isDestroyed: () => false,
      on() {},
      once() {},
    };
    windows.push(this);
  }
  on() {}
  once(event, listener) {
    if (event === "ready-to-show") readyToShow.push(listener);
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, ...report.windowBounds };
  }
  restore() {}
  focus() {}
  show() {}
  maximize() {}
  async loadURL(url) {
    report.loadURL = url;
    await probe(this);
    process.stdout.write(JSON.stringify(report));
    process.exit(0);
  }
}

async function fetchApp(url) {
  const res = await protocolHandlers.get("app")({ url });
  return { status: res.status, type: res.headers.get("content-type"), csp: res.headers.get("content-security-policy"), body: await res.text() };
}

async function probe(win) {
  report.responses = {};
  for (const url of ["app://ehlo/index.html", "app://ehlo/..%2fpackage.json", "app://ehlo/%2e%2e/package.json", "app://other/index.html"]) {
    report.responses[url] = await fetchApp(url);
  }
  await new Promise((resolve) => permissionRequest(null, "media", (granted) => resolve((report.permissionGranted = granted))));
  report.permissionCheck = permissionCheck(null, "notifications");
  // A webContents as `web-contents-created` sees it.
  const contents = {
    listeners: new Map(),
    setWindowOpenHandler(fn) {
      this.openHandler = fn;
    },
    on(event, fn) {
      this.listeners.set(event, fn);
    },
  };
  appListeners.get("web-contents-created")({}, contents);
  report.windowOpen = ["https://www.rfc-editor.org/rfc/rfc5321", "https://evil.example/"].map((url) => contents.openHandler({ url }).action);
  let prevented = 0;
  for (const event of ["will-navigate", "will-redirect", "will-attach-webview"]) contents.listeners.get(event)?.({ preventDefault: () => prevented++ });
  report.navigationPrevented = prevented;
  await new Promise((r) => setTimeout(r, 0));

  // Desktop events: what the launch asked for is held until the page listens.
  for (const listener of readyToShow) listener();
  report.sentBeforeListening = report.sentToPage.length;
  const trusted = { sender: win.webContents, senderFrame: { url: "app://ehlo/index.html", parent: null } };
  ipcListeners.get("ehlo:desktop-listening")?.(trusted, "prefillCheck");
  // A second launch with a hostile link: refused with a message, nothing reaches the page.
  appListeners.get("second-instance")?.({}, ["ehlo", "ehlo://check?host=mx.example.com%0D%0AQUIT"], "/");
  await new Promise((r) => setTimeout(r, 50));
}
