import { z } from "zod";
import { CheckResultSchema, OUTCOMES } from "../contract/check-result";
import { PHASES, TlsDetailsSchema } from "../contract/events";
import { FINDING_IDS } from "../contract/findings";
import { COMMAND_SHELLS } from "../knowledge/finding-types";
import type { Tone } from "./transcript-text";

/**
 * The report contract: a report model (everything a view prints, already in one language) and,
 * in `ehlo.report/1` JSON files, the full CheckResult so a run can be re-imported into history.
 * Types are inferred from these schemas (architecture convention 1); imports are validated with
 * `ReportSchema` before anything is stored. `ehlo.report-1.schema.json` is generated from it and
 * kept in step by a test.
 */

const TONES = ["info", "sent", "received", "failure", "warning", "finding", "muted"] as const satisfies readonly Tone[];
// Fails to compile when transcript-text.ts gains a tone this list does not have.
const _allTones: Exclude<Tone, (typeof TONES)[number]> extends never ? true : never = true;
void _allTones;

const Severity = z.enum(["info", "warning", "error"]);
const Params = z.record(z.string(), z.union([z.string(), z.number()]));

export const ReportStepSchema = z.object({
  id: z.string(),
  text: z.string(),
  checked: z.boolean(),
  commands: z.array(z.object({ shell: z.enum(COMMAND_SHELLS), lines: z.array(z.string()) })),
});

export const ReportFindingSchema = z.object({
  id: z.enum(FINDING_IDS),
  severity: Severity,
  /** False when the locale has no text for this finding: views show the id and params. */
  hasText: z.boolean(),
  title: z.string(),
  description: z.string(),
  whenSeen: z.string(),
  howToFix: z.string(),
  params: Params,
  /** The transcript lines that prove the finding (architecture convention 6). */
  evidence: z.array(z.object({ seq: z.number().int(), prefix: z.string(), text: z.string() })),
  checklist: z.array(ReportStepSchema),
  notes: z.string(),
});

export const TranscriptRowSchema = z.object({
  seq: z.number().int(),
  t: z.number(),
  prefix: z.string(),
  text: z.string(),
  tone: z.enum(TONES),
  /** One-line explanation under the last line of a reply; null elsewhere. */
  explanation: z.string().nullable(),
});

export const PhaseSpanSchema = z.object({
  phase: z.enum(PHASES),
  start: z.number(),
  end: z.number(),
  durationMs: z.number(),
  /** False when the phase never ended (timeout, cancel, connection lost). */
  complete: z.boolean(),
});

export const ReportModelSchema = z.object({
  lang: z.string(),
  dir: z.enum(["ltr", "rtl"]),
  title: z.string(),
  /** Headings in the report's language, so a saved model renders without the locale files. */
  labels: z.record(z.string(), z.string()),
  anonymised: z.boolean(),
  verdict: z.object({
    outcome: z.enum(OUTCOMES),
    outcomeText: z.string(),
    headline: z.string(),
    detail: z.string(),
    counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  }),
  findings: z.array(ReportFindingSchema),
  transcript: z.array(TranscriptRowSchema),
  certificate: TlsDetailsSchema.nullable(),
  waterfall: z.object({ totalMs: z.number(), spans: z.array(PhaseSpanSchema) }),
  parameters: z.object({
    host: z.string(),
    port: z.number().int(),
    tls: z.string(),
    mx: z.boolean(),
    address: z.string().nullable(),
    capabilities: z.array(z.string()),
  }),
  environment: z.object({
    ehloVersion: z.string(),
    os: z.string(),
    timeZone: z.string(),
    startedAt: z.string(),
    startedAtLocal: z.string(),
    generatedAt: z.string(),
    generatedAtLocal: z.string(),
    durationMs: z.number(),
  }),
});

export const REPORT_SCHEMA_ID = "ehlo.report/1";

export const ReportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  model: ReportModelSchema,
  result: CheckResultSchema,
});

export type ReportModel = z.infer<typeof ReportModelSchema>;
export type ReportFinding = z.infer<typeof ReportFindingSchema>;
export type ReportStep = z.infer<typeof ReportStepSchema>;
export type TranscriptRow = z.infer<typeof TranscriptRowSchema>;
export type PhaseSpan = z.infer<typeof PhaseSpanSchema>;
export type ReportDocument = z.infer<typeof ReportSchema>;

/**
 * ReportSchema as JSON Schema (draft 2020-12) for tools outside Ehlo; the committed
 * ehlo.report-1.schema.json is this, checked by report-schema.test.ts. "input" semantics: what
 * an importer accepts (fields with defaults may be absent, as in files from older versions).
 */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ReportSchema, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: "https://ehlo.invalid/schema/ehlo.report-1.schema.json",
    title: "Ehlo diagnostic report (ehlo.report/1)",
    description: "An Ehlo report: the report model as printed, plus the full check result for re-import.",
    ...rest,
  };
}
