import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppInfo } from "../../shared/contract/api";
import { IPC_CHANNELS, type EhloBridge } from "../../shared/contract/bridge";
import type { ViewState } from "../../shared/contract/desktop";
import type { CheckEvent } from "../../shared/contract/events";
import { startTinySmtp, type TinySmtp } from "../testing/tiny-smtp";
import { createBridge, type RendererIpc } from "./create-bridge";
import { DesktopOutbox } from "./desktop-outbox";
import { registerIpc, type IpcMainLike, type IpcSenderEvent } from "./ipc";
import { until } from "../testing/until";

const appInfo: AppInfo = { version: "0.0.0-test", platform: "linux", face: "electron" };
const quick = { connectMs: 2000, greetingMs: 10_000, commandMs: 5000 };

/** A stand-in for Electron's ipcMain: the handlers registered, callable as a window would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => void>();
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void {
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => void): this {
    this.listeners.set(channel, listener);
    return this;
  }
}

let nextId = 1;
/** A stand-in for one window: its webContents (what main sends) and its renderer end (ipcRenderer). */
class FakeWindow extends EventEmitter {
  readonly id = nextId++;
  destroyed = false;
  /** Everything main sent to this window, channel first. */
  readonly received: unknown[][] = [];
  private readonly page = new EventEmitter();
  constructor(
    private readonly ipc: FakeIpcMain,
    private readonly frame: { url: string; parent: unknown } = { url: "app://ehlo/index.html", parent: null },
  ) {
    super();
  }
  send(channel: string, ...args: unknown[]): void {
    this.received.push([channel, ...args]);
    this.page.emit(channel, { sender: "the IPC event" }, ...args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit("destroyed");
  }
  private event(): IpcSenderEvent {
    return { sender: this, senderFrame: this.frame };
  }
  /** The renderer end, shaped like ipcRenderer (what the preload wraps). */
  readonly ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => this.ipc.handlers.get(channel)?.(this.event(), ...args),
    send: (channel: string, ...args: unknown[]) => this.ipc.listeners.get(channel)?.(this.event(), ...args),
    on: (channel: string, l: (...a: unknown[]) => void) => this.page.on(channel, l),
    removeListener: (channel: string, l: (...a: unknown[]) => void) => this.page.removeListener(channel, l),
  };
}

let polite: TinySmtp;
let silent: TinySmtp;
beforeAll(async () => {
  polite = await startTinySmtp("polite");
  silent = await startTinySmtp("silent");
});
afterAll(async () => {
  await polite.close();
  await silent.close();
});

function setup() {
  const ipc = new FakeIpcMain();
  const warnings: string[] = [];
  const reg = registerIpc({ ipcMain: ipc, appInfo, warn: (m) => warnings.push(m) });
  return { ipc, warnings, reg };
}

describe("sender checks", () => {
  it.each([
    ["a foreign page", { url: "https://evil.example/", parent: null }],
    ["a file:// page", { url: "file:///tmp/index.html", parent: null }],
    ["an iframe inside our page", { url: "app://ehlo/index.html", parent: {} }],
  ])("%s gets no answer and opens no connection", async (_name, frame) => {
    const { ipc, warnings, reg } = setup();
    const win = new FakeWindow(ipc, frame);
    const before = polite.accepted;
    await expect(win.ipcRenderer.invoke(IPC_CHANNELS.appInfo)).rejects.toThrow(/untrusted/);
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "x1", { host: "127.0.0.1", port: polite.port, tls: "none" }, {});
    await new Promise((r) => setTimeout(r, 100));
    expect(polite.accepted).toBe(before);
    expect(win.received).toEqual([]);
    expect(reg.sessions).toBe(0);
    expect(warnings.join("\n")).toMatch(/untrusted frame/);
  });

  it("our own top frame gets the app info", async () => {
    const { ipc } = setup();
    await expect(new FakeWindow(ipc).ipcRenderer.invoke(IPC_CHANNELS.appInfo)).resolves.toEqual(appInfo);
  });
});

describe("schema rejection", () => {
  it("a malformed call is refused before any socket work and reported, not answered", async () => {
    const { ipc, warnings } = setup();
    const win = new FakeWindow(ipc);
    const before = polite.accepted;
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "bad id!", { host: "127.0.0.1", port: polite.port }, {});
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, { id: "object" });
    win.ipcRenderer.send(IPC_CHANNELS.cancelCheck, 42);
    await until(() => warnings.length === 3);
    expect(warnings.every((w) => /refused a message/.test(w))).toBe(true);
    expect(win.received).toEqual([]);
    expect(polite.accepted).toBe(before);
  });

  it("a bad field in a sound call comes back as a check error naming the field", async () => {
    const { ipc } = setup();
    const win = new FakeWindow(ipc);
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "f1", { host: "127.0.0.1", port: 0 }, {});
    await until(() => win.received.length > 0);
    expect(win.received).toEqual([[IPC_CHANNELS.checkError, "f1", "port", expect.stringMatching(/port/)]]);
  });
});

describe("routing and lifetime", () => {
  it("a check's events and result go only to the window that started it", async () => {
    const { ipc } = setup();
    const a = new FakeWindow(ipc);
    const b = new FakeWindow(ipc);
    a.ipcRenderer.send(IPC_CHANNELS.startCheck, "r1", { host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick }, {});
    await until(() => a.received.some(([ch]) => ch === IPC_CHANNELS.checkDone));
    expect(b.received).toEqual([]);
    const channels = a.received.map(([ch]) => ch);
    expect(channels.at(-1)).toBe(IPC_CHANNELS.checkDone);
    expect(channels.slice(0, -1).every((ch) => ch === IPC_CHANNELS.checkEvents)).toBe(true);
    expect(a.received.every(([, id]) => id === "r1")).toBe(true);
  });

  it("through the preload bridge: payloads only, unsubscribe works", async () => {
    const { ipc } = setup();
    const win = new FakeWindow(ipc);
    const bridge: EhloBridge = createBridge(win.ipcRenderer as unknown as RendererIpc);
    const seen: unknown[][] = [];
    const done: string[] = [];
    const off = bridge.onCheckEvent((...args) => seen.push(args));
    const offDone = bridge.onCheckDone((id, result) => done.push(`${id}:${result.outcome}`));
    bridge.startCheck("b1", { host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick }, {});
    await until(() => done.length === 1);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((args) => args.length === 2 && args[0] === "b1")).toBe(true);
    expect((seen[0]?.[1] as CheckEvent).kind).toBe("session.start");
    off();
    const count = seen.length;
    bridge.startCheck("b2", { host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick }, {});
    await until(() => done.length === 2);
    expect(seen.length).toBe(count);
    offDone();
    expect(await bridge.appInfo()).toEqual(appInfo);
  });

  it("closing the window cancels its checks: the server sees the hang-up", async () => {
    const { ipc, reg } = setup();
    const win = new FakeWindow(ipc);
    const accepted = silent.accepted;
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "w1", { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick }, {});
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "w2", { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick }, {});
    await silent.waitForAccepted(accepted + 2);
    expect(reg.sessions).toBe(1);
    const sentBefore = win.received.length;
    win.destroy();
    await until(() => silent.open === 0);
    expect(reg.sessions).toBe(0);
    expect(win.received.length).toBe(sentBefore);
  });

  it("check.cancel from the window ends its check as cancelled", async () => {
    const { ipc } = setup();
    const win = new FakeWindow(ipc);
    const accepted = silent.accepted;
    win.ipcRenderer.send(IPC_CHANNELS.startCheck, "k1", { host: "127.0.0.1", port: silent.port, tls: "none", timeouts: quick }, {});
    await silent.waitForAccepted(accepted + 1);
    win.ipcRenderer.send(IPC_CHANNELS.cancelCheck, "k1");
    await until(() => win.received.some(([ch]) => ch === IPC_CHANNELS.checkDone));
    const done = win.received.find(([ch]) => ch === IPC_CHANNELS.checkDone);
    expect(done?.[2]).toMatchObject({ outcome: "cancelled" });
  });
});

describe("desktop events: held until the page listens, for trusted pages only", () => {
  function desktopSetup() {
    const ipc = new FakeIpcMain();
    const warnings: string[] = [];
    const outboxes = new Map<number, DesktopOutbox>();
    const views: [number, ViewState][] = [];
    const outboxFor = (win: FakeWindow) => {
      let box = outboxes.get(win.id);
      if (!box) outboxes.set(win.id, (box = new DesktopOutbox(win)));
      return box;
    };
    registerIpc({
      ipcMain: ipc,
      appInfo,
      warn: (m) => warnings.push(m),
      desktop: {
        listening: (sender, event) => outboxFor(sender as FakeWindow).markListening(event),
        viewState: (sender, state) => views.push([sender.id, state]),
      },
    });
    return { ipc, warnings, outboxFor, views };
  }

  it("a link that launched the app waits for the page, then arrives once, payload only", () => {
    const { ipc, outboxFor } = desktopSetup();
    const win = new FakeWindow(ipc);
    outboxFor(win).deliver("prefillCheck", { host: "old.example.com" });
    outboxFor(win).deliver("prefillCheck", { host: "mx.example.com", port: 587 });
    outboxFor(win).deliver("menuCommand", "new-check");
    expect(win.received).toEqual([]);
    const bridge = createBridge(win.ipcRenderer as unknown as RendererIpc);
    const prefills: unknown[][] = [];
    const off = bridge.onPrefillCheck((...args) => prefills.push(args));
    // Only the latest pre-fill was kept; the menu command waits for its own subscriber.
    expect(prefills).toEqual([[{ host: "mx.example.com", port: 587 }]]);
    expect(outboxFor(win).waiting).toBe(1);
    outboxFor(win).deliver("prefillCheck", { host: "next.example.com" });
    expect(prefills).toHaveLength(2);
    off();
    outboxFor(win).deliver("prefillCheck", { host: "unheard.example.com" });
    expect(prefills).toHaveLength(2);
  });

  it("after a reload the new page must subscribe again before it gets anything", () => {
    const { ipc, outboxFor } = desktopSetup();
    const win = new FakeWindow(ipc);
    createBridge(win.ipcRenderer as unknown as RendererIpc).onMenuCommand(() => undefined);
    outboxFor(win).reset();
    outboxFor(win).deliver("menuCommand", "theme-dark");
    expect(win.received).toEqual([]);
    const got: unknown[] = [];
    createBridge(win.ipcRenderer as unknown as RendererIpc).onMenuCommand((c) => got.push(c));
    expect(got).toEqual(["theme-dark"]);
  });

  it("an untrusted frame cannot claim to listen or set the view; junk is refused", () => {
    const { ipc, warnings, outboxFor, views } = desktopSetup();
    const evil = new FakeWindow(ipc, { url: "https://evil.example/", parent: null });
    evil.ipcRenderer.send(IPC_CHANNELS.desktopListening, "prefillCheck");
    evil.ipcRenderer.send(IPC_CHANNELS.viewState, { language: "en", theme: "dark" });
    outboxFor(evil).deliver("prefillCheck", { host: "mx.example.com" });
    expect(evil.received).toEqual([]);
    const win = new FakeWindow(ipc);
    win.ipcRenderer.send(IPC_CHANNELS.desktopListening, "everything");
    win.ipcRenderer.send(IPC_CHANNELS.viewState, { language: "fr", theme: "dark" });
    win.ipcRenderer.send(IPC_CHANNELS.viewState, { language: "en", theme: "dark", extra: 1 });
    createBridge(win.ipcRenderer as unknown as RendererIpc).setViewState({ language: "ar", theme: "light" });
    expect(views).toEqual([[win.id, { language: "ar", theme: "light" }]]);
    expect(warnings.filter((w) => /untrusted frame/.test(w))).toHaveLength(2);
    expect(warnings.filter((w) => /refused a message/.test(w))).toHaveLength(3);
  });

  it("nothing is sent to a destroyed window", () => {
    const { ipc, outboxFor } = desktopSetup();
    const win = new FakeWindow(ipc);
    createBridge(win.ipcRenderer as unknown as RendererIpc).onOpenReport(() => undefined);
    win.destroy();
    outboxFor(win).deliver("openReport", { fileName: "a.ehlo" });
    expect(win.received).toEqual([]);
  });
});
