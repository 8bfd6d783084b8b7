import type { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { IPC_CHANNELS } from "../../shared/contract/bridge";

// The Electron binary cannot run here: a stand-in for exactly what the preload touches.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const calls: { method: string; args: unknown[] }[] = [];
  return { exposed, calls };
});
const rendererSide = vi.hoisted(() => ({ emitter: null as EventEmitter | null }));

vi.mock("electron", async () => {
  const { EventEmitter: Emitter } = await import("node:events");
  const emitter = new Emitter();
  rendererSide.emitter = emitter;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        electron.calls.push({ method: "invoke", args: [channel, ...args] });
        return Promise.resolve({ version: "x", platform: "linux", face: "electron" });
      },
      send: (channel: string, ...args: unknown[]) => electron.calls.push({ method: "send", args: [channel, ...args] }),
      on: (channel: string, listener: (...a: unknown[]) => void) => emitter.on(channel, listener),
      removeListener: (channel: string, listener: (...a: unknown[]) => void) => emitter.removeListener(channel, listener),
    },
  };
});

await import("./preload");
const bridge = electron.exposed.get("ehlo") as Record<string, (...args: unknown[]) => unknown>;
const emitFromMain = (channel: string, ...args: unknown[]) => rendererSide.emitter?.emit(channel, { sender: "the IPC event" }, ...args);

describe("preload bridge", () => {
  it("exposes window.ehlo only, with the named methods only, frozen", () => {
    expect([...electron.exposed.keys()]).toEqual(["ehlo"]);
    expect(Object.keys(bridge).sort()).toEqual([
      "appInfo",
      "callMethod",
      "cancelCheck",
      "onCheckDone",
      "onCheckError",
      "onCheckEvent",
      "onMenuCommand",
      "onOpenReport",
      "onPrefillCheck",
      "setViewState",
      "startCheck",
    ]);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it("methods map to their own channels", async () => {
    electron.calls.length = 0;
    bridge.startCheck?.("c1", { host: "mx.example" }, { password: "pw" });
    bridge.cancelCheck?.("c1");
    await expect(bridge.appInfo?.()).resolves.toMatchObject({ face: "electron" });
    expect(electron.calls).toEqual([
      { method: "send", args: [IPC_CHANNELS.startCheck, "c1", { host: "mx.example" }, { password: "pw" }] },
      { method: "send", args: [IPC_CHANNELS.cancelCheck, "c1"] },
      { method: "invoke", args: [IPC_CHANNELS.appInfo] },
    ]);
  });

  it("listeners get the payload, never the IPC event; a result gets its streamed events back; unsubscribe stops delivery", () => {
    const events: unknown[][] = [];
    const errors: unknown[][] = [];
    const done: unknown[][] = [];
    const offEvent = bridge.onCheckEvent?.((...args: unknown[]) => events.push(args)) as () => void;
    const offError = bridge.onCheckError?.((...args: unknown[]) => errors.push(args)) as () => void;
    const offDone = bridge.onCheckDone?.((...args: unknown[]) => done.push(args)) as () => void;
    emitFromMain(IPC_CHANNELS.checkEvents, "c1", [{ kind: "note", seq: 0 }]);
    emitFromMain(IPC_CHANNELS.checkError, "c2", "port", "bad port");
    emitFromMain(IPC_CHANNELS.checkDone, "c1", { outcome: "ok", eventCount: 1 }, null);
    expect(events).toEqual([["c1", { kind: "note", seq: 0 }]]);
    expect(errors).toEqual([["c2", "port", "bad port"]]);
    expect(done).toEqual([["c1", { outcome: "ok", events: [{ kind: "note", seq: 0 }] }, null]]);
    offEvent();
    offError();
    offDone();
    emitFromMain(IPC_CHANNELS.checkEvents, "c1", [{ kind: "note", seq: 1 }]);
    emitFromMain(IPC_CHANNELS.checkError, "c3", "host", "x");
    expect(events).toHaveLength(1);
    expect(errors).toHaveLength(1);
    // The bridge's own one listener per check channel (it collects events for results), never one per subscription.
    for (const channel of [IPC_CHANNELS.checkEvents, IPC_CHANNELS.checkDone, IPC_CHANNELS.checkError]) {
      expect(rendererSide.emitter?.listenerCount(channel)).toBe(1);
    }
  });
});

describe("preload bridge: desktop events", () => {
  it("subscribing tells main which event the page now listens to, and nothing more", () => {
    electron.calls.length = 0;
    const offs = [bridge.onMenuCommand, bridge.onPrefillCheck, bridge.onOpenReport].map((on) => on?.(() => undefined) as () => void);
    expect(electron.calls).toEqual([
      { method: "send", args: [IPC_CHANNELS.desktopListening, "menuCommand"] },
      { method: "send", args: [IPC_CHANNELS.desktopListening, "prefillCheck"] },
      { method: "send", args: [IPC_CHANNELS.desktopListening, "openReport"] },
    ]);
    for (const off of offs) off();
  });

  it("menu commands, pre-fills and reports arrive as the payload alone; unsubscribe stops them", () => {
    const got: unknown[][] = [];
    const offMenu = bridge.onMenuCommand?.((...args: unknown[]) => got.push(["menu", ...args])) as () => void;
    const offPrefill = bridge.onPrefillCheck?.((...args: unknown[]) => got.push(["prefill", ...args])) as () => void;
    const offReport = bridge.onOpenReport?.((...args: unknown[]) => got.push(["report", ...args])) as () => void;
    emitFromMain(IPC_CHANNELS.menuCommand, "new-check");
    emitFromMain(IPC_CHANNELS.prefillCheck, { host: "mx.example.com", port: 587 });
    emitFromMain(IPC_CHANNELS.openReport, { fileName: "a.ehlo", document: { schema: "ehlo.report/1" } });
    expect(got).toEqual([
      ["menu", "new-check"],
      ["prefill", { host: "mx.example.com", port: 587 }],
      ["report", { fileName: "a.ehlo", document: { schema: "ehlo.report/1" } }],
    ]);
    offMenu();
    offPrefill();
    offReport();
    emitFromMain(IPC_CHANNELS.menuCommand, "export-report");
    emitFromMain(IPC_CHANNELS.prefillCheck, { host: "b.example.com" });
    emitFromMain(IPC_CHANNELS.openReport, { fileName: "b.ehlo" });
    expect(got).toHaveLength(3);
    for (const channel of [IPC_CHANNELS.menuCommand, IPC_CHANNELS.prefillCheck, IPC_CHANNELS.openReport]) {
      expect(rendererSide.emitter?.listenerCount(channel)).toBe(0);
    }
  });

  it("setViewState goes to its own channel", () => {
    electron.calls.length = 0;
    bridge.setViewState?.({ language: "ar", theme: "dark" });
    expect(electron.calls).toEqual([{ method: "send", args: [IPC_CHANNELS.viewState, { language: "ar", theme: "dark" }] }]);
  });
});
