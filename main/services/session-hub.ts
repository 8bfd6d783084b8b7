import type { z } from "zod";
import { ClientMessageSchema, type AppInfo, type ClientMessage, type ServerMessage } from "../../shared/contract/api";
import { CheckIdSchema } from "../../shared/contract/api";
import { withoutEvents } from "../../shared/contract/check-stream";
import { assertNever } from "../../shared/contract/events";
import { InputError } from "../../shared/smtp/input-error";
import { METHODS, MethodNameSchema, type MethodSpec } from "../../shared/contract/methods";
import { defaultAppServices, type AppServices } from "./app-services";
import { startCheck } from "./checks";
import { createEventBatcher } from "./event-batcher";
import { METHOD_HANDLERS, type MethodContext } from "./method-handlers";
import { secretsToScrub } from "./reports";

/**
 * The one dispatcher behind every interactive face: the loopback host gives one hub to each
 * WebSocket, the Electron shell one to each window. A hub validates every message at the edge
 * (architecture convention 3), runs checks concurrently by the id the renderer chose, streams
 * their events and cancels them all when its socket or window goes away.
 */

/** One window or tab has no business running more checks at once; each opens real sockets. */
export const MAX_CONCURRENT_CHECKS = 8;

/** `field` of a check.error that is about the check as a whole rather than one form field. */
export const NO_FIELD = "";

export interface SessionHubOptions {
  /** Delivers a message to this hub's peer only. May throw if the peer is gone: the hub ignores that. */
  send: (msg: ServerMessage) => void;
  appInfo: AppInfo;
  maxConcurrent?: number;
  /**
   * History (every finished check is saved into it) and the PDF printer. Default: the process's
   * shared services for EHLO_DATA_DIR or the OS data folder, printing with headless Chromium.
   */
  services?: AppServices;
}

export interface SessionHub {
  /** Handles one raw message; resolves when it is fully handled (for check.start: when the check has ended). */
  handle(raw: unknown): Promise<void>;
  /** The peer is gone: cancel every running check and send nothing more. */
  closeAll(): void;
  /** Checks running now. */
  readonly running: number;
}

type StartMessage = Extract<ClientMessage, { type: "check.start" }>;
type CallMessage = Extract<ClientMessage, { type: "call" }>;

export function createSessionHub(options: SessionHubOptions): SessionHub {
  const maxConcurrent = options.maxConcurrent ?? MAX_CONCURRENT_CHECKS;
  const services = options.services ?? defaultAppServices();
  const running = new Map<string, AbortController>();
  const calls = new Map<string, AbortController>();
  let closed = false;

  const send = (msg: ServerMessage): void => {
    if (closed) return;
    try {
      options.send(msg);
    } catch {
      // The peer vanished mid-check; its close handler calls closeAll(), which cancels the run.
    }
  };

  async function runCheck(msg: StartMessage): Promise<void> {
    const { id } = msg;
    if (running.has(id)) {
      // Not a check.error: that would be read as the end of the check already running under this id.
      send({ type: "protocol.error", message: `A check with id "${id}" is already running; choose a new id.` });
      return;
    }
    if (running.size >= maxConcurrent) {
      send({
        type: "check.error",
        id,
        field: NO_FIELD,
        message: `Too many checks at once: at most ${maxConcurrent} can run together. Wait for one to finish or cancel one.`,
      });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const batch = createEventBatcher((events) => send({ type: "check.events", id, events }));
    try {
      const result = await startCheck(msg.request, {
        secrets: msg.secrets,
        signal: controller.signal,
        onEvent: (event) => batch.push(event),
      });
      batch.drain();
      // Every finished check goes into the history (architecture: "the finished run is saved to
      // history"). The id is chosen now and the write runs on: the result never waits for a disk.
      const historyId = services.recorder.record(result, {
        request: msg.request,
        secrets: secretsToScrub({ user: msg.request.auth?.user, secrets: msg.secrets }),
      });
      send({ type: "check.done", id, result: withoutEvents(result), historyId });
    } catch (e) {
      batch.drain();
      if (e instanceof InputError) send({ type: "check.error", id, field: e.field, message: e.message });
      else send({ type: "check.error", id, field: NO_FIELD, message: `The check could not run: ${(e as Error).message}` });
    } finally {
      running.delete(id);
    }
  }

  /** A request/response method: params validated by the method's own schema before anything runs. */
  async function runCall(msg: CallMessage): Promise<void> {
    const { requestId } = msg;
    const refuse = (field: string, message: string) => send({ type: "call.error", requestId, field, message });
    const method = MethodNameSchema.safeParse(msg.method);
    if (!method.success) return refuse("method", `Unknown method "${msg.method.slice(0, 64)}".`);
    if (calls.has(requestId)) return refuse(NO_FIELD, `A call with id "${requestId}" is already running.`);
    const spec: MethodSpec = METHODS[method.data];
    const params = spec.params.safeParse(msg.params);
    if (!params.success) {
      const issue = params.error.issues[0];
      const field = issue?.path.map(String).join(".") ?? NO_FIELD;
      return refuse(field, `Invalid ${method.data} request: ${field || "params"} ${issue?.message ?? "is not valid"}.`);
    }
    const controller = new AbortController();
    calls.set(requestId, controller);
    try {
      const handler = METHOD_HANDLERS[method.data] as (p: unknown, ctx: MethodContext) => Promise<unknown>;
      const result = await handler(params.data, {
        signal: controller.signal,
        face: options.appInfo.face,
        services,
        progress: (progress) => send({ type: "call.progress", requestId, progress }),
      });
      send({ type: "call.result", requestId, result });
    } catch (e) {
      if (e instanceof InputError) refuse(e.field, e.message);
      else refuse(NO_FIELD, `${method.data} failed: ${(e as Error).message}`);
    } finally {
      calls.delete(requestId);
    }
  }

  return {
    async handle(raw) {
      if (closed) return;
      const parsed = ClientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        send(refusal(raw, parsed.error));
        return;
      }
      const msg = parsed.data;
      switch (msg.type) {
        case "app.info":
          send({ type: "app.info", info: options.appInfo });
          return;
        case "check.cancel":
          // Unknown ids are ignored: a cancel that crosses the check's own end is normal.
          running.get(msg.id)?.abort();
          return;
        case "check.start":
          await runCheck(msg);
          return;
        case "call":
          await runCall(msg);
          return;
        case "call.cancel":
          calls.get(msg.requestId)?.abort();
          return;
        default:
          assertNever(msg);
      }
    },
    closeAll() {
      closed = true;
      for (const controller of [...running.values(), ...calls.values()]) controller.abort();
    },
    get running() {
      return running.size;
    },
  };
}

/**
 * What an invalid message earns. A check.start whose envelope is sound (type and id) but whose
 * request or secrets fail the schema is bad *input*: it gets a check.error naming the field, so
 * the form can show it and the renderer stops waiting for that id. Anything else is a
 * protocol.error. Messages quote schema paths, never values (a value may be a password).
 */
function refusal(raw: unknown, error: z.ZodError): ServerMessage {
  const issue = error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const detail = issue?.message ?? "is not valid";
  const id = startId(raw);
  // Only issues *inside* the request or secrets objects: a missing request is a malformed message.
  const inputOnly = error.issues.every((i) => i.path.length >= 2 && (i.path[0] === "request" || i.path[0] === "secrets"));
  if (id !== null && inputOnly) {
    const field = path.slice(1).join(".");
    return { type: "check.error", id, field, message: `Invalid check request: ${field} ${detail}.` };
  }
  return { type: "protocol.error", message: `Invalid message${path.length > 0 ? ` at ${path.join(".")}` : ""}: ${detail}.` };
}

function startId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { type, id } = raw as { type?: unknown; id?: unknown };
  return type === "check.start" && CheckIdSchema.safeParse(id).success ? (id as string) : null;
}
