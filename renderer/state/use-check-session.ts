import { useCallback, useEffect, useReducer, useRef } from "react";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { CheckEvent } from "../../shared/contract/events";
import { checkSessionReducer, IDLE_SESSION, type CheckSessionState, type RecordedRun } from "../model/check-session";
import type { ConnectionMonitor } from "../transport/connection";

/**
 * Events are applied in batches, in an animation frame, so a flood of lines costs one render per
 * batch. A hidden window gets no frames: the timer makes sure batches still land.
 */
const FALLBACK_MS = 100;
/**
 * Batches are at least this far apart. An event after a quiet spell (an ordinary session, where
 * replies are a round trip apart) still shows in the next frame; a flood is shown ten times a
 * second instead of sixty, each line at most this late. Rendering every frame kept the page's
 * main thread 85% busy at 300 lines a second, for updates nobody can read that fast.
 */
const MIN_BATCH_GAP_MS = 100;

interface FrameTimer {
  schedule(run: () => void): void;
  cancel(): void;
}

function frameTimer(): FrameTimer {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let spacing: ReturnType<typeof setTimeout> | null = null;
  let lastRun = -Infinity;
  const cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    if (spacing !== null) clearTimeout(spacing);
    frame = null;
    timer = null;
    spacing = null;
  };
  return {
    schedule(run) {
      if (frame !== null || timer !== null || spacing !== null) return;
      const fire = () => {
        cancel();
        lastRun = performance.now();
        run();
      };
      const inFrame = () => {
        spacing = null;
        if (typeof requestAnimationFrame === "function") frame = requestAnimationFrame(fire);
        timer = setTimeout(fire, FALLBACK_MS);
      };
      const early = lastRun + MIN_BATCH_GAP_MS - performance.now();
      if (early > 0) spacing = setTimeout(inFrame, early);
      else inFrame();
    },
    cancel,
  };
}

/**
 * Runs `run` once the frame after this one has started: the task that shows the results panel
 * ends first, so mounting it and the check's first batch of events are not one long task. A
 * hidden window gets no frames: the timer makes sure it still runs. Returns a function that
 * drops the call.
 */
function afterNextFrame(run: () => void): () => void {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let live = true;
  const drop = () => {
    live = false;
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    clearTimeout(fallback);
  };
  const fire = () => {
    if (!live) return;
    drop();
    run();
  };
  const fallback = setTimeout(fire, FALLBACK_MS);
  if (typeof requestAnimationFrame === "function") {
    frame = requestAnimationFrame(() => {
      frame = null;
      timer = setTimeout(fire, 0);
    });
  }
  return drop;
}

interface PendingStart {
  send(): void;
  drop(): void;
}

function newCheckId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export interface CheckSession {
  state: CheckSessionState;
  start(request: CheckRequestInput, secrets: { password?: string; token?: string }): void;
  cancel(): void;
  clear(): void;
  /** Shows a recorded run; a check still running is cancelled first. */
  load(run: RecordedRun): void;
}

export function useCheckSession(bridge: EhloBridge, connection: ConnectionMonitor): CheckSession {
  const [state, dispatch] = useReducer(checkSessionReducer, IDLE_SESSION);
  const current = useRef<string | null>(null);
  const runningRef = useRef(false);
  // A start dispatched but not yet sent to the host (see `start`).
  const pendingStart = useRef<PendingStart | null>(null);
  // Anything that acts on the check (cancel, another start, a recorded run) sends it first, so
  // the host sees the same calls, in the same order, as if it had been sent at once.
  const sendPendingStart = useCallback(() => {
    const pending = pendingStart.current;
    pendingStart.current = null;
    if (!pending) return;
    pending.drop();
    pending.send();
  }, []);
  useEffect(() => sendPendingStart, [sendPendingStart]);
  useEffect(() => {
    runningRef.current = state.status === "running";
  }, [state.status]);

  useEffect(() => {
    let pending: CheckEvent[] = [];
    let pendingId = "";
    const timer = frameTimer();
    const flush = () => {
      timer.cancel();
      if (pending.length === 0) return;
      const events = pending;
      pending = [];
      dispatch({ type: "events", id: pendingId, events });
    };
    const offEvent = bridge.onCheckEvent((id, event) => {
      if (id !== current.current) return;
      pendingId = id;
      pending.push(event);
      timer.schedule(flush);
    });
    const offDone = bridge.onCheckDone((id, result, historyId) => {
      flush();
      dispatch({ type: "done", id, result, historyId });
    });
    const offError = bridge.onCheckError((id, field, message) => {
      flush();
      dispatch({ type: "refused", id, field, message });
    });
    const offConnection = connection.subscribe((link) => {
      if (link.status !== "open") dispatch({ type: "connection-lost" });
    });
    return () => {
      timer.cancel();
      offEvent();
      offDone();
      offError();
      offConnection();
    };
  }, [bridge, connection]);

  const start = useCallback(
    (request: CheckRequestInput, secrets: { password?: string; token?: string }) => {
      sendPendingStart();
      const id = newCheckId();
      current.current = id;
      // The running state (and the empty results panel) render in this task; the check itself
      // starts in a later one, so its first events never share the task that mounts the panel.
      // The waiting state is on screen before any reply arrives either way.
      dispatch({ type: "start", id, request });
      const send = () => bridge.startCheck(id, request, secrets);
      const drop = afterNextFrame(() => {
        pendingStart.current = null;
        send();
      });
      pendingStart.current = { send, drop };
    },
    [bridge, sendPendingStart],
  );
  const cancel = useCallback(() => {
    sendPendingStart();
    if (!current.current) return;
    bridge.cancelCheck(current.current);
    dispatch({ type: "cancel" });
  }, [bridge, sendPendingStart]);
  const clear = useCallback(() => {
    sendPendingStart();
    current.current = null;
    dispatch({ type: "clear" });
  }, [sendPendingStart]);
  const load = useCallback(
    (run: RecordedRun) => {
      sendPendingStart();
      // Only one run is on screen: one still running would otherwise go on unseen.
      if (current.current && runningRef.current) bridge.cancelCheck(current.current);
      current.current = null;
      dispatch({ type: "load", id: `view-${newCheckId()}`, ...run });
    },
    [bridge, sendPendingStart],
  );
  return { state, start, cancel, clear, load };
}
