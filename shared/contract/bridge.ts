import type { CheckRequestInput } from "./check-request";
import type { CheckResult } from "./check-result";
import type { AppInfo } from "./api";
import type { CheckEvent } from "./events";

/**
 * What the Electron preload exposes as `window.ehlo` (architecture convention 2: named methods
 * only, never a generic invoke/send/on; callbacks receive payloads, never the IPC event; every
 * subscription returns its unsubscribe). The loopback host's WebSocket client in
 * `renderer/api.ts` implements the same interface, so the renderer cannot tell them apart.
 */
export interface EhloBridge {
  appInfo(): Promise<AppInfo>;
  /** Starts a check; `id` is chosen by the renderer and names the events that follow. */
  startCheck(id: string, request: CheckRequestInput, secrets: { password?: string; token?: string }): void;
  cancelCheck(id: string): void;
  onCheckEvent(listener: (id: string, event: CheckEvent) => void): () => void;
  onCheckDone(listener: (id: string, result: CheckResult) => void): () => void;
  /** The request was refused before any connection; `field` names the form field at fault. */
  onCheckError(listener: (id: string, field: string, message: string) => void): () => void;
}

/** IPC channel names, one per named bridge method (Electron main and preload share them). */
export const IPC_CHANNELS = {
  appInfo: "ehlo:app-info",
  startCheck: "ehlo:check-start",
  cancelCheck: "ehlo:check-cancel",
  checkEvent: "ehlo:check-event",
  checkDone: "ehlo:check-done",
  checkError: "ehlo:check-error",
} as const;
