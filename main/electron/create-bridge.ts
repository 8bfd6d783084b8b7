import type { IpcRenderer } from "electron";
import type { AppInfo } from "../../shared/contract/api";
import { IPC_CHANNELS, type EhloBridge } from "../../shared/contract/bridge";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";

/**
 * The object the preload exposes as `window.ehlo`: named methods only (architecture
 * convention 2). The page never sees ipcRenderer, a channel name or an IPC event object: each
 * listener is called with the payload alone, and every subscription returns its unsubscribe.
 * Kept apart from preload.ts (which only hands it to contextBridge) so it runs in plain Node tests.
 */

export type RendererIpc = Pick<IpcRenderer, "invoke" | "send" | "on" | "removeListener">;

export function createBridge(ipc: RendererIpc): EhloBridge {
  const subscribe = (channel: string, deliver: (args: unknown[]) => void): (() => void) => {
    // The IPC event (first argument) is dropped here: it carries `sender` and ports.
    const wrapped = (_event: unknown, ...args: unknown[]) => deliver(args);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  return Object.freeze({
    appInfo: () => ipc.invoke(IPC_CHANNELS.appInfo) as Promise<AppInfo>,
    startCheck: (id, request, secrets) => ipc.send(IPC_CHANNELS.startCheck, id, request, secrets),
    cancelCheck: (id) => ipc.send(IPC_CHANNELS.cancelCheck, id),
    onCheckEvent: (listener) => subscribe(IPC_CHANNELS.checkEvent, ([id, event]) => listener(id as string, event as CheckEvent)),
    onCheckDone: (listener) => subscribe(IPC_CHANNELS.checkDone, ([id, result]) => listener(id as string, result as CheckResult)),
    onCheckError: (listener) =>
      subscribe(IPC_CHANNELS.checkError, ([id, field, message]) => listener(id as string, field as string, message as string)),
  } satisfies EhloBridge);
}
