import { z } from "zod";
import { HISTORY_METHODS } from "./methods-history";
import { NETWORK_METHODS } from "./methods-network";

/**
 * Request/response methods of the contract, beside the streaming checks: history, reports,
 * discovery, matrix. Each method is named and has a schema for its params, its result and
 * (optionally) progress updates. Main validates params before doing anything; the renderer
 * validates results on arrival. The Electron preload exposes each method as its own named
 * function on its own IPC channel (never a generic invoke); the loopback host carries them as
 * `call` messages.
 */
export interface MethodSpec {
  params: z.ZodType;
  result: z.ZodType;
  progress?: z.ZodType;
}

export const METHODS = { ...HISTORY_METHODS, ...NETWORK_METHODS } satisfies Record<string, MethodSpec>;
export type MethodName = keyof typeof METHODS;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];
export const MethodNameSchema = z.enum(METHOD_NAMES as [MethodName, ...MethodName[]]);

export type MethodParams<M extends MethodName> = z.input<(typeof METHODS)[M]["params"]>;
export type MethodResult<M extends MethodName> = z.infer<(typeof METHODS)[M]["result"]>;
export type MethodProgress<M extends MethodName> = (typeof METHODS)[M] extends { progress: infer P extends z.ZodType } ? z.infer<P> : never;

/** IPC channel of a method in the Electron shell: one channel per named method. */
export const methodChannel = (method: MethodName): string => `ehlo:method:${method}`;
export const methodProgressChannel = "ehlo:method-progress";
