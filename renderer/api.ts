import { MethodCallError, type EhloBridge, type EhloDesktopBridge, type EhloElectronBridge } from "../shared/contract/bridge";
import { alwaysOpen, type ConnectionMonitor, type ConnectionState } from "./transport/connection";
import { createWsBridge, NOT_CONNECTED_FIELD, type SocketLike } from "./transport/ws-bridge";

/**
 * The one module that picks the transport (architecture: the renderer talks only to the
 * contract). In Electron the preload exposes `window.ehlo`; served by `ehlo serve`, the page
 * talks to the loopback host over a WebSocket that implements the same `EhloBridge`.
 */

declare global {
  interface Window {
    ehlo?: EhloElectronBridge;
  }
}

export interface Api {
  bridge: EhloBridge;
  /** Menus, `ehlo://` links and opened report files: the desktop app only (null over WebSocket). */
  desktop: EhloDesktopBridge | null;
  connection: ConnectionMonitor;
  transport: "electron" | "websocket";
}

/**
 * The per-run token `ehlo serve` prints in its URL. It stays in the address bar on purpose: a
 * reload needs it. It is kept in memory only, never stored.
 */
export function tokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get("token");
  return token && token.trim() !== "" ? token : null;
}

export function webSocketUrl(location: Pick<Location, "protocol" | "host">, token: string): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

/** Without a token the host would refuse us: say so instead of knocking forever. */
function unavailable(problem: ConnectionState["problem"]): Api {
  const refusals = new Set<(id: string, field: string, message: string) => void>();
  const state: ConnectionState = { status: "failed", attempt: 0, retryAt: null, problem };
  return {
    transport: "websocket",
    desktop: null,
    connection: { get: () => state, subscribe: () => () => undefined, retryNow: () => undefined },
    bridge: {
      appInfo: () => new Promise(() => undefined),
      startCheck: (id) => {
        queueMicrotask(() => {
          for (const listener of refusals) listener(id, NOT_CONNECTED_FIELD, "Not connected to the Ehlo host.");
        });
      },
      cancelCheck: () => undefined,
      onCheckEvent: () => () => undefined,
      onCheckDone: () => () => undefined,
      callMethod: () => Promise.reject(new MethodCallError(NOT_CONNECTED_FIELD, "Not connected to the Ehlo host.")),
      onCheckError: (listener) => {
        refusals.add(listener);
        return () => {
          refusals.delete(listener);
        };
      },
    },
  };
}

function createApi(): Api {
  if (window.ehlo) return { bridge: window.ehlo, desktop: window.ehlo, connection: alwaysOpen(), transport: "electron" };
  const token = tokenFrom(window.location.search);
  if (!token) return unavailable({ kind: "no-token" });
  const ws = createWsBridge({
    url: webSocketUrl(window.location, token),
    connect: (url) => new WebSocket(url) as unknown as SocketLike,
  });
  return { bridge: ws.bridge, desktop: null, connection: ws.connection, transport: "websocket" };
}

let instance: Api | null = null;

/** The transport, created on first use. */
export function getApi(): Api {
  instance ??= createApi();
  return instance;
}

export { NOT_CONNECTED_FIELD };
