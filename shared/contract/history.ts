import { z } from "zod";
import { CheckRequestSchema } from "./check-request";
import { CheckResultSchema, FindingSchema, OUTCOMES } from "./check-result";
import { PhaseSchema } from "./events";
import { FINDING_IDS } from "./findings";

/**
 * The history of finished checks as the contract carries it: ids, the small header every list
 * shows, a saved run, and the comparison of two runs. `main/services/history-store.ts` stores
 * exactly these; the renderer validates them on arrival.
 */

/**
 * "<start time>-<random>", e.g. 20261129T061600418Z-0123456789ab. An id becomes a file name in
 * main, so nothing else (no "../", no separators) ever passes this check.
 */
export const HISTORY_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{12}$/;
export const HistoryIdSchema = z.string().regex(HISTORY_ID_PATTERN, "is not a history id (they look like 20261129T061600418Z-0123456789ab)");

export const HistoryHeaderSchema = z.object({
  id: HistoryIdSchema,
  savedAt: z.string(),
  startedAt: z.string(),
  host: z.string(),
  port: z.number().int(),
  tls: z.string(),
  outcome: z.enum(OUTCOMES),
  durationMs: z.number(),
  findings: z.array(z.object({ id: z.enum(FINDING_IDS), severity: z.enum(["info", "warning", "error"]) })),
  source: z.enum(["check", "import"]),
});
export type HistoryHeader = z.infer<typeof HistoryHeaderSchema>;

/** A saved run: its header, the request that ran it (null for imports) and the full result. */
export const HistoryEntrySchema = z.object({
  header: HistoryHeaderSchema,
  request: CheckRequestSchema.nullable(),
  result: CheckResultSchema,
});
export type HistoryEntryData = z.infer<typeof HistoryEntrySchema>;

/** Two runs side by side (shared/report/run-compare.ts) plus both headers. */
export const RunComparisonSchema = z.object({
  outcome: z.object({ before: z.enum(OUTCOMES), after: z.enum(OUTCOMES) }),
  findings: z.object({ added: z.array(FindingSchema), gone: z.array(FindingSchema), kept: z.array(z.enum(FINDING_IDS)) }),
  replies: z.array(
    z.object({
      command: z.string(),
      occurrence: z.number().int(),
      before: z.string().nullable(),
      after: z.string().nullable(),
      codeChanged: z.boolean(),
    }),
  ),
  timing: z.array(z.object({ phase: PhaseSchema, beforeMs: z.number().nullable(), afterMs: z.number().nullable(), deltaMs: z.number().nullable() })),
  before: HistoryHeaderSchema,
  after: HistoryHeaderSchema,
});
export type RunComparisonData = z.infer<typeof RunComparisonSchema>;

/** An ISO 8601 date or instant ("2026-11-29", "2026-11-29T08:00:00.000Z"), for list filters. */
export const IsoDateSchema = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "is not an ISO 8601 date")
  .refine((text) => !Number.isNaN(new Date(text).getTime()), "is not a real date");
