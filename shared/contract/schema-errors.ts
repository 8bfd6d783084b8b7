import type { z } from "zod";
import { InputError } from "../smtp/input-error";

/** Turns the first schema issue into an InputError a person can act on. */
export function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || what;
  throw new InputError(field, `Invalid ${what}: ${field} ${issue?.message ?? "is not valid"}.`);
}
