// A stand-in for the `electron` module with just what main/electron/main.ts uses. Once the app
// loads its window, it probes the wiring (protocol, permissions, navigation, IPC) and prints one
// JSON report on stdout, then exits. Test-only code.
const report = { schemes: [], sandbox: false, ipc: [], opened: [] };
const appListeners = new Map();
const protocolHandlers = new Map();
let permissionRequest = null;
let permissionCheck = null;

export const app = {
  enableSandbox: () => (report.sandbox = true),
  requestSingleInstanceLock: () => true,
  on: (event, listener) => appListeners.set(event, listener),
  whenReady: () => Promise.resolve(),
  quit: () => {},
};

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
  on: (channel) => report.ipc.push(`on ${channel}`),
};

export const shell = { openExternal: async (url) => report.opened.push(url) };

export class BrowserWindow {
  static getAllWindows() {
    return [];
  }
  constructor(options) {
    report.webPreferences = options.webPreferences;
  }
  once() {}
  async loadURL(url) {
    report.loadURL = url;
    await probe();
    process.stdout.write(JSON.stringify(report));
    process.exit(0);
  }
}

async function fetchApp(url) {
  const res = await protocolHandlers.get("app")({ url });
  return { status: res.status, type: res.headers.get("content-type"), csp: res.headers.get("content-security-policy"), body: await res.text() };
}

async function probe() {
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
}
