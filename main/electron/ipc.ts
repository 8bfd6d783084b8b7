import type { AppInfo, ServerMessage } from "../../shared/contract/api";
import { IPC_CHANNELS } from "../../shared/contract/bridge";
import { METHOD_NAMES, methodChannel, methodProgressChannel } from "../../shared/contract/methods";
import type { MethodReply } from "./create-bridge";
import { DesktopEventSchema, ViewStateSchema, type DesktopEvent, type ViewState } from "../../shared/contract/desktop";
import type { AppServices } from "../services/app-services";
import { createSessionHub, type SessionHub } from "../services/session-hub";
import { isTrustedSender } from "./security-policy";

/**
 * Main-process side of the bridge. Each window (webContents) gets its own session hub, so a
 * check's events go only to the window that started it, and a closed window cancels its checks.
 * Every payload is validated by the hub's contract schema before any socket work; messages from
 * an untrusted frame are dropped before that.
 */

/** What ipc.ts needs of a webContents: Electron's WebContents satisfies it. */
export interface RendererTarget {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: "destroyed", listener: () => void): unknown;
}

export interface IpcSenderEvent {
  sender: RendererTarget;
  senderFrame: { url: string; parent: unknown } | null;
}

/** What ipc.ts needs of ipcMain: Electron's ipcMain satisfies it. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => void): unknown;
}

/** What main does with the desktop-only messages (given only by the Electron shell). */
export interface DesktopIpcHandlers {
  /** The page now listens to `event`: deliver what was held for it. */
  listening(sender: RendererTarget, event: DesktopEvent): void;
  /** The page's language and theme changed: update the View menu. */
  viewState(sender: RendererTarget, state: ViewState): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  appInfo: AppInfo;
  desktop?: DesktopIpcHandlers;
  isTrusted?: (frameUrl: string) => boolean;
  /** Where dropped or invalid messages are reported (they mean a bug or a compromised page). */
  warn?: (message: string) => void;
  /** History and PDF printer for every window (e.g. a printer over webContents.printToPDF); default: the process's. */
  services?: AppServices;
}

export interface IpcRegistration {
  /** Windows that currently have a session (for tests and diagnostics). */
  readonly sessions: number;
}

/** Turns hub output into the bridge's channels, for one webContents only. */
export function routeToSender(target: RendererTarget, warn: (message: string) => void): (msg: ServerMessage) => void {
  return (msg) => {
    if (target.isDestroyed()) return;
    switch (msg.type) {
      case "check.events":
        target.send(IPC_CHANNELS.checkEvents, msg.id, msg.events);
        return;
      case "check.done":
        target.send(IPC_CHANNELS.checkDone, msg.id, msg.result, msg.historyId ?? null);
        return;
      case "check.error":
        target.send(IPC_CHANNELS.checkError, msg.id, msg.field, msg.message);
        return;
      case "app.info":
        // Answered through invoke (appInfo()), never pushed.
        return;
      case "call.result":
      case "call.progress":
      case "call.error":
        // Answered through the method's invoke() by registerIpc, never pushed here.
        return;
      case "protocol.error":
        // The bridge has no channel for it: only a buggy or hostile page sends malformed calls.
        warn(`ipc: refused a message from window ${target.id}: ${msg.message}`);
        return;
    }
  };
}

export function registerIpc(options: IpcOptions): IpcRegistration {
  const trusted = options.isTrusted ?? isTrustedSender;
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const hubs = new Map<number, SessionHub>();

  /** Only the top frame of our own page may call main (an iframe never gets a say). */
  const accept = (event: IpcSenderEvent, channel: string): boolean => {
    const frame = event.senderFrame;
    if (frame !== null && frame.parent === null && trusted(frame.url)) return true;
    warn(`ipc: dropped ${channel} from an untrusted frame (${frame?.url ?? "gone"})`);
    return false;
  };

  /** Method calls in flight, by window and request id: invoke() waits for the hub's answer. */
  const pendingCalls = new Map<string, (reply: MethodReply) => void>();
  const callKey = (sender: RendererTarget, requestId: string) => `${sender.id}:${requestId}`;

  const hubFor = (sender: RendererTarget): SessionHub => {
    let hub = hubs.get(sender.id);
    if (hub === undefined) {
      const route = routeToSender(sender, warn);
      const send = (msg: ServerMessage) => {
        if (msg.type === "call.result" || msg.type === "call.error") {
          const key = callKey(sender, msg.requestId);
          const settle = pendingCalls.get(key);
          pendingCalls.delete(key);
          settle?.(msg.type === "call.result" ? { ok: true, result: msg.result } : { ok: false, field: msg.field, message: msg.message });
          return;
        }
        if (msg.type === "call.progress") {
          if (!sender.isDestroyed()) sender.send(methodProgressChannel, msg.requestId, msg.progress);
          return;
        }
        route(msg);
      };
      hub = createSessionHub({ send, appInfo: options.appInfo, services: options.services });
      hubs.set(sender.id, hub);
      const created = hub;
      sender.once("destroyed", () => {
        created.closeAll();
        hubs.delete(sender.id);
      });
    }
    return hub;
  };

  options.ipcMain.handle(IPC_CHANNELS.appInfo, (event) => {
    if (!accept(event, IPC_CHANNELS.appInfo)) throw new Error("Refused: untrusted sender.");
    return options.appInfo;
  });
  options.ipcMain.on(IPC_CHANNELS.startCheck, (event, id, request, secrets) => {
    if (!accept(event, IPC_CHANNELS.startCheck)) return;
    void hubFor(event.sender).handle({ type: "check.start", id, request, secrets });
  });
  for (const method of METHOD_NAMES) {
    const channel = methodChannel(method);
    options.ipcMain.handle(channel, (event, requestId, params) => {
      if (!accept(event, channel)) return { ok: false, field: "", message: "Refused: untrusted sender." } satisfies MethodReply;
      if (typeof requestId !== "string") return { ok: false, field: "", message: "Missing request id." } satisfies MethodReply;
      return new Promise<MethodReply>((resolve) => {
        pendingCalls.set(callKey(event.sender, requestId), resolve);
        void hubFor(event.sender).handle({ type: "call", requestId, method, params });
      });
    });
  }
  options.ipcMain.on(IPC_CHANNELS.methodCancel, (event, requestId) => {
    if (!accept(event, IPC_CHANNELS.methodCancel)) return;
    void hubFor(event.sender).handle({ type: "call.cancel", requestId });
  });
  options.ipcMain.on(IPC_CHANNELS.cancelCheck, (event, id) => {
    if (!accept(event, IPC_CHANNELS.cancelCheck)) return;
    void hubFor(event.sender).handle({ type: "check.cancel", id });
  });

  const desktop = options.desktop;
  if (desktop) {
    options.ipcMain.on(IPC_CHANNELS.desktopListening, (event, name) => {
      if (!accept(event, IPC_CHANNELS.desktopListening)) return;
      const parsed = DesktopEventSchema.safeParse(name);
      if (parsed.success) desktop.listening(event.sender, parsed.data);
      else warn(`ipc: refused a message from window ${event.sender.id}: ${IPC_CHANNELS.desktopListening} with an unknown event`);
    });
    options.ipcMain.on(IPC_CHANNELS.viewState, (event, state) => {
      if (!accept(event, IPC_CHANNELS.viewState)) return;
      const parsed = ViewStateSchema.safeParse(state);
      if (parsed.success) desktop.viewState(event.sender, parsed.data);
      else warn(`ipc: refused a message from window ${event.sender.id}: ${IPC_CHANNELS.viewState} ${parsed.error.issues[0]?.message ?? "invalid"}`);
    });
  }

  return {
    get sessions() {
      return hubs.size;
    },
  };
}
