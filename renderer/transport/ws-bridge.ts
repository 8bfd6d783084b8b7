import { ServerMessageSchema, type AppInfo, type ClientMessageInput, type ServerMessage } from "../../shared/contract/api";
import { MethodCallError, type EhloBridge } from "../../shared/contract/bridge";
import { METHODS, type MethodName } from "../../shared/contract/methods";
import { createCheckStreamReceiver } from "../../shared/contract/check-stream";
import { backoffDelay, type ConnectionMonitor, type ConnectionState } from "./connection";

/**
 * `EhloBridge` over the loopback host's WebSocket (ClientMessage / ServerMessage JSON, validated
 * on arrival with ServerMessageSchema). Messages sent while the socket is down wait in a queue;
 * the socket reconnects with back-off. Only the subset of the WebSocket API that browsers and
 * the `ws` package share is used, so the same code runs in a page and in a Node test.
 */

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WsBridgeOptions {
  url: string;
  connect: (url: string) => SocketLike;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface WsBridge {
  bridge: EhloBridge;
  connection: ConnectionMonitor;
  /** Closes the socket for good (tests, page unload). */
  dispose(): void;
}

const OPEN_STATE = 1;
/** The `field` of a check refused because the socket is down (not a form field). */
export const NOT_CONNECTED_FIELD = "connection";

function subscribe<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

export function createWsBridge(options: WsBridgeOptions): WsBridge {
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  // Check messages fan out from here; check.done comes without the events already streamed
  // and gets them back here (shared/contract/check-stream.ts).
  const checks = createCheckStreamReceiver();
  const watchers = new Set<(state: ConnectionState) => void>();
  const queue: string[] = [];
  const pendingInfo: ((info: AppInfo) => void)[] = [];
  let state: ConnectionState = { status: "connecting", attempt: 0, retryAt: null, problem: null };
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let callSeq = 0;
  const calls = new Map<string, { method: MethodName; resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: never) => void }>();

  function setState(next: ConnectionState): void {
    state = next;
    for (const watcher of watchers) watcher(state);
  }

  function dispatch(message: ServerMessage): void {
    switch (message.type) {
      case "check.events":
        for (const event of message.events) checks.event(message.id, event);
        return;
      case "check.done":
        checks.done(message.id, message.result, message.historyId ?? null);
        return;
      case "check.error":
        checks.error(message.id, message.field, message.message);
        return;
      case "app.info":
        for (const resolve of pendingInfo.splice(0)) resolve(message.info);
        return;
      case "call.result":
      case "call.progress":
      case "call.error":
        settleCall(message);
        return;
      case "protocol.error":
        setState({ ...state, problem: { kind: "protocol", message: message.message } });
        return;
    }
  }

  /** Results and progress are validated against the method's own schema on arrival. */
  function settleCall(message: Extract<ServerMessage, { type: "call.result" | "call.progress" | "call.error" }>): void {
    const call = calls.get(message.requestId);
    if (!call) return;
    if (message.type === "call.error") {
      calls.delete(message.requestId);
      call.reject(new MethodCallError(message.field, message.message));
      return;
    }
    const spec = METHODS[call.method] as { result: { safeParse(v: unknown): { success: boolean; data?: unknown } }; progress?: { safeParse(v: unknown): { success: boolean; data?: unknown } } };
    if (message.type === "call.progress") {
      const progress = spec.progress?.safeParse(message.progress);
      if (progress?.success) call.onProgress?.(progress.data as never);
      return;
    }
    calls.delete(message.requestId);
    const result = spec.result.safeParse(message.result);
    if (result.success) call.resolve(result.data);
    else call.reject(new MethodCallError("", `The host sent an unexpected ${call.method} result.`));
  }

  function receive(data: unknown): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof data === "string" ? data : String(data));
    } catch {
      setState({ ...state, problem: { kind: "protocol", message: "The host sent something that is not JSON." } });
      return;
    }
    const message = ServerMessageSchema.safeParse(parsed);
    if (!message.success) {
      const issue = message.error.issues[0];
      setState({
        ...state,
        problem: { kind: "protocol", message: `The host sent an unexpected message (${issue?.path.join(".") || "message"}: ${issue?.message ?? "invalid"}).` },
      });
      return;
    }
    dispatch(message.data);
  }

  function flush(): void {
    while (socket && socket.readyState === OPEN_STATE && queue.length > 0) {
      socket.send(queue.shift() as string);
    }
  }

  function scheduleReconnect(code: number): void {
    const attempt = state.attempt + 1;
    const delay = backoffDelay(attempt, baseDelay, maxDelay);
    setState({ status: "reconnecting", attempt, retryAt: Date.now() + delay, problem: { kind: "closed", code } });
    timer = setTimeout(open, delay);
  }

  function open(): void {
    timer = null;
    if (disposed) return;
    const ws = options.connect(options.url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      setState({ status: "open", attempt: 0, retryAt: null, problem: null });
      flush();
    };
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    ws.onerror = () => undefined; // the close event that follows carries what we act on
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      // The host cancels a socket's checks when it closes: none of them will finish.
      checks.clear();
      // Calls in flight died with the socket: their results will never come.
      for (const [id, call] of calls) {
        calls.delete(id);
        call.reject(new MethodCallError(NOT_CONNECTED_FIELD, "The connection to the Ehlo host was lost."));
      }
      if (!disposed) scheduleReconnect(event.code);
    };
  }

  function send(message: ClientMessageInput): void {
    queue.push(JSON.stringify(message));
    flush();
  }

  const bridge: EhloBridge = {
    appInfo: () =>
      new Promise<AppInfo>((resolve) => {
        pendingInfo.push(resolve);
        send({ type: "app.info" });
      }),
    startCheck: (id, request, secrets) => {
      // A check (and its password) never waits in a queue to run minutes later on a reconnect:
      // refuse it now, naming the connection as the field at fault.
      if (!socket || socket.readyState !== OPEN_STATE) {
        queueMicrotask(() => checks.error(id, NOT_CONNECTED_FIELD, "Not connected to the Ehlo host."));
        return;
      }
      send({ type: "check.start", id, request, secrets });
    },
    cancelCheck: (id) => send({ type: "check.cancel", id }),
    onCheckEvent: checks.onCheckEvent,
    onCheckDone: checks.onCheckDone,
    onCheckError: checks.onCheckError,
    callMethod: (method, params, callOptions) =>
      new Promise((resolve, reject) => {
        if (!socket || socket.readyState !== OPEN_STATE) {
          reject(new MethodCallError(NOT_CONNECTED_FIELD, "Not connected to the Ehlo host."));
          return;
        }
        const requestId = `call-${++callSeq}`;
        calls.set(requestId, { method, resolve: resolve as (v: unknown) => void, reject, onProgress: callOptions?.onProgress as ((p: never) => void) | undefined });
        callOptions?.signal?.addEventListener("abort", () => {
          if (!calls.delete(requestId)) return;
          send({ type: "call.cancel", requestId });
          reject(new MethodCallError("", "Cancelled."));
        });
        send({ type: "call", requestId, method, params });
      }),
  };

  const connection: ConnectionMonitor = {
    get: () => state,
    subscribe: (listener) => subscribe(watchers, listener),
    retryNow: () => {
      if (disposed || socket) return;
      if (timer) clearTimeout(timer);
      setState({ ...state, status: "connecting", retryAt: null });
      open();
    },
  };

  open();
  return {
    bridge,
    connection,
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000, "bye");
      socket = null;
    },
  };
}
