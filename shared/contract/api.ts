import { z } from "zod";
import { CheckRequestSchema } from "./check-request";
import { FinishedCheckSchema } from "./check-stream";
import { EventSchema } from "./events";
import { HistoryIdSchema } from "./history";

/**
 * The API every face offers the renderer (architecture: "one contract"). The renderer reaches it
 * only through `renderer/api.ts`, which picks the Electron preload bridge or the loopback host's
 * WebSocket; both carry exactly these messages, validated on arrival with these schemas.
 */

/** Secrets beside the request: never logged, never echoed, never persisted by the host. */
export const SecretsSchema = z.object({
  password: z.string().max(4096).optional(),
  token: z.string().max(16_384).optional(),
});

export const CheckIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Renderer → main. */
export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("check.start"), id: CheckIdSchema, request: CheckRequestSchema, secrets: SecretsSchema.default({}) }),
  z.object({ type: z.literal("check.cancel"), id: CheckIdSchema }),
  z.object({ type: z.literal("app.info") }),
  /** A request/response method (shared/contract/methods.ts); params are validated per method. */
  z.object({ type: z.literal("call"), requestId: CheckIdSchema, method: z.string().max(64), params: z.unknown() }),
  z.object({ type: z.literal("call.cancel"), requestId: CheckIdSchema }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type ClientMessageInput = z.input<typeof ClientMessageSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  /** Operating system of the machine that runs the checks (checklists show its commands first). */
  platform: z.enum(["windows", "macos", "linux", "other"]),
  /** Which face serves the renderer: the keychain ("remember password") exists only in Electron. */
  face: z.enum(["electron", "browser"]),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Main → renderer. */
export const ServerMessageSchema = z.discriminatedUnion("type", [
  /** Events of a running check, in order: each burst the engine emits travels as one message. */
  z.object({ type: z.literal("check.events"), id: CheckIdSchema, events: z.array(EventSchema).min(1) }),
  /**
   * The result without its events (they came as check.events; see check-stream.ts). `historyId`:
   * the run's id in the history, where it is being saved (absent: not saved).
   */
  z.object({ type: z.literal("check.done"), id: CheckIdSchema, result: FinishedCheckSchema, historyId: HistoryIdSchema.optional() }),
  /** The request was refused before any connection (bad input): `field` names the form field. */
  z.object({ type: z.literal("check.error"), id: CheckIdSchema, field: z.string(), message: z.string() }),
  z.object({ type: z.literal("app.info"), info: AppInfoSchema }),
  z.object({ type: z.literal("call.result"), requestId: CheckIdSchema, result: z.unknown() }),
  z.object({ type: z.literal("call.progress"), requestId: CheckIdSchema, progress: z.unknown() }),
  /** The call was refused (bad params: `field` names it) or failed; nothing was changed. */
  z.object({ type: z.literal("call.error"), requestId: CheckIdSchema, field: z.string(), message: z.string() }),
  /** A message that failed validation or could not be handled. */
  z.object({ type: z.literal("protocol.error"), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
