/**
 * The state of the link to main, for the connection banner. Electron's bridge is always "open";
 * the loopback host's WebSocket can drop and come back.
 */
export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "failed";

/** Why the link is not open, as a UI string key plus details. */
export type ConnectionProblem =
  | { kind: "no-token" }
  | { kind: "closed"; code: number }
  | { kind: "protocol"; message: string };

export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnection attempts since the link was last open. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  retryAt: number | null;
  problem: ConnectionProblem | null;
}

export interface ConnectionMonitor {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
  /** Try again now instead of waiting for the back-off. */
  retryNow(): void;
}

export const OPEN: ConnectionState = { status: "open", attempt: 0, retryAt: null, problem: null };

/** A monitor for a transport that cannot drop (the Electron preload bridge). */
export function alwaysOpen(): ConnectionMonitor {
  return { get: () => OPEN, subscribe: () => () => undefined, retryNow: () => undefined };
}

/**
 * Polite reconnection: exponential back-off from `baseMs`, capped at `maxMs`, with up to 20 %
 * jitter so many tabs do not knock at the same moment.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 + 0.2 * random()));
}
