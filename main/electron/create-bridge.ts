import type { IpcRenderer } from "electron";
import type { AppInfo } from "../../shared/contract/api";
import { DESKTOP_EVENT_CHANNELS, IPC_CHANNELS, MethodCallError, type EhloElectronBridge } from "../../shared/contract/bridge";
import { METHOD_NAMES, methodChannel, methodProgressChannel } from "../../shared/contract/methods";
import { createCheckStreamReceiver, type FinishedCheck } from "../../shared/contract/check-stream";
import type { CheckPrefill, DesktopEvent, MenuCommand, OpenedReport } from "../../shared/contract/desktop";
import type { CheckEvent } from "../../shared/contract/events";

/**
 * The object the preload exposes as `window.ehlo`: named methods only (architecture
 * convention 2). The page never sees ipcRenderer, a channel name or an IPC event object: each
 * listener is called with the payload alone, and every subscription returns its unsubscribe.
 * Kept apart from preload.ts (which only hands it to contextBridge) so it runs in plain Node tests.
 */

export type RendererIpc = Pick<IpcRenderer, "invoke" | "send" | "on" | "removeListener">;

export function createBridge(ipc: RendererIpc): EhloElectronBridge {
  const subscribe = (channel: string, deliver: (args: unknown[]) => void): (() => void) => {
    // The IPC event (first argument) is dropped here: it carries `sender` and ports.
    const wrapped = (_event: unknown, ...args: unknown[]) => deliver(args);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  /** Desktop events: subscribing also tells main the page listens, so it sends what it held. */
  const listen = <T>(event: DesktopEvent, listener: (payload: T) => void): (() => void) => {
    const off = subscribe(DESKTOP_EVENT_CHANNELS[event], ([payload]) => listener(payload as T));
    ipc.send(IPC_CHANNELS.desktopListening, event);
    return off;
  };
  // One listener per check channel for the bridge's lifetime, whatever the page subscribes: a
  // finished check gets back the events streamed before it, so all of them must be collected.
  const checks = createCheckStreamReceiver();
  subscribe(IPC_CHANNELS.checkEvents, ([id, events]) => {
    for (const event of events as CheckEvent[]) checks.event(id as string, event);
  });
  subscribe(IPC_CHANNELS.checkDone, ([id, finished, historyId]) => checks.done(id as string, finished as FinishedCheck, typeof historyId === "string" ? historyId : null));
  subscribe(IPC_CHANNELS.checkError, ([id, field, message]) => checks.error(id as string, field as string, message as string));
  return Object.freeze({
    appInfo: () => ipc.invoke(IPC_CHANNELS.appInfo) as Promise<AppInfo>,
    startCheck: (id, request, secrets) => ipc.send(IPC_CHANNELS.startCheck, id, request, secrets),
    cancelCheck: (id) => ipc.send(IPC_CHANNELS.cancelCheck, id),
    onCheckEvent: checks.onCheckEvent,
    onCheckDone: checks.onCheckDone,
    onCheckError: checks.onCheckError,
    onMenuCommand: (listener) => listen<MenuCommand>("menuCommand", listener),
    onPrefillCheck: (listener) => listen<CheckPrefill>("prefillCheck", listener),
    onOpenReport: (listener) => listen<OpenedReport>("openReport", listener),
    setViewState: (state) => ipc.send(IPC_CHANNELS.viewState, state),
    callMethod: (method, params, callOptions) => {
      // Only the fixed methods of the contract exist, each on its own channel; main validates
      // the params with that method's schema before anything runs.
      if (!(METHOD_NAMES as string[]).includes(method)) return Promise.reject(new MethodCallError("method", `Unknown method "${String(method)}".`));
      const requestId = `m${++callSeq}`;
      const offProgress = callOptions?.onProgress
        ? subscribe(methodProgressChannel, ([id, progress]) => {
            if (id === requestId) (callOptions.onProgress as (p: unknown) => void)(progress);
          })
        : () => undefined;
      callOptions?.signal?.addEventListener("abort", () => ipc.send(IPC_CHANNELS.methodCancel, requestId));
      return (ipc.invoke(methodChannel(method), requestId, params) as Promise<MethodReply>)
        .then((reply) => {
          if (!reply.ok) throw new MethodCallError(reply.field, reply.message);
          return reply.result as never;
        })
        .finally(offProgress);
    },
  } satisfies EhloElectronBridge);
}

/** What a method's IPC handler answers: errors travel as data so `field` survives IPC. */
export type MethodReply = { ok: true; result: unknown } | { ok: false; field: string; message: string };

let callSeq = 0;
