import type { CheckRequestInput } from "./check-request";
import type { CheckResult } from "./check-result";
import type { AppInfo } from "./api";
import type { CheckPrefill, DesktopEvent, MenuCommand, OpenedReport, ViewState } from "./desktop";
import type { CheckEvent } from "./events";
import type { MethodName, MethodParams, MethodProgress, MethodResult } from "./methods";

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
  /** `historyId`: where the run is saved in the history (null when it is not saved). */
  onCheckDone(listener: (id: string, result: CheckResult, historyId: string | null) => void): () => void;
  /** The request was refused before any connection; `field` names the form field at fault. */
  onCheckError(listener: (id: string, field: string, message: string) => void): () => void;
  /**
   * Calls a request/response method of the contract (shared/contract/methods.ts). Rejects with a
   * `MethodCallError` (field + message) when main refuses or the call fails.
   */
  callMethod<M extends MethodName>(method: M, params: MethodParams<M>, options?: MethodCallOptions<M>): Promise<MethodResult<M>>;
}

export interface MethodCallOptions<M extends MethodName> {
  onProgress?: (progress: MethodProgress<M>) => void;
  /** Cancels the call (any AbortSignal fits; shared/ has no DOM types). */
  signal?: { readonly aborted: boolean; addEventListener(type: "abort", listener: () => void): void };
}

/** A refused or failed method call, as every transport reports it. */
export class MethodCallError extends Error {
  override readonly name = "MethodCallError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What only the desktop app adds (native menus, `ehlo://` links, report files opened from the
 * OS). Same rules as EhloBridge. A subscription also tells main that the page is listening:
 * anything that arrived before (a link that launched the app) is delivered then, not lost.
 */
export interface EhloDesktopBridge {
  /** A native menu item the page acts on (New check, Export…, Language, Theme). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** An `ehlo://check?…` link, validated: fill in the form only; the user starts the check. */
  onPrefillCheck(listener: (prefill: CheckPrefill) => void): () => void;
  /** A `.ehlo` report file the user opened, validated against ehlo.report/1. */
  onOpenReport(listener: (report: OpenedReport) => void): () => void;
  /** The page's language and theme, so the View menu shows the right radio items. */
  setViewState(state: ViewState): void;
}

/** `window.ehlo` in Electron: the shared contract plus the desktop-only events. */
export type EhloElectronBridge = EhloBridge & EhloDesktopBridge;

/** IPC channel names, one per named bridge method (Electron main and preload share them). */
export const IPC_CHANNELS = {
  appInfo: "ehlo:app-info",
  startCheck: "ehlo:check-start",
  cancelCheck: "ehlo:check-cancel",
  /** (id, events[]): one burst of a running check's events. */
  checkEvents: "ehlo:check-events",
  checkDone: "ehlo:check-done",
  checkError: "ehlo:check-error",
  menuCommand: "ehlo:menu-command",
  prefillCheck: "ehlo:prefill-check",
  openReport: "ehlo:open-report",
  /** Renderer → main: "I now listen to this desktop event" (flushes what main held back). */
  desktopListening: "ehlo:desktop-listening",
  viewState: "ehlo:view-state",
  /** Renderer → main: cancel a method call by its request id (methods have their own channels). */
  methodCancel: "ehlo:method-cancel",
} as const;

/** The main → renderer channel of each desktop event. */
export const DESKTOP_EVENT_CHANNELS = {
  menuCommand: IPC_CHANNELS.menuCommand,
  prefillCheck: IPC_CHANNELS.prefillCheck,
  openReport: IPC_CHANNELS.openReport,
} as const satisfies Record<DesktopEvent, string>;
