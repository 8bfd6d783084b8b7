import { z } from "zod";
import { OUTCOMES, CheckResultSchema } from "./check-result";
import { FINDING_IDS } from "./findings";
import { HistoryEntrySchema, HistoryHeaderSchema, HistoryIdSchema, IsoDateSchema, RunComparisonSchema } from "./history";
import type { MethodSpec } from "./methods";
import { MAX_REPORT_CHARS } from "../report/report-import";

/**
 * History and report methods: list, get, delete, compare and import saved runs, and export a
 * run as a report file. Every param is checked here before main touches the disk; ids are
 * checked by pattern, so a path can never reach the file system.
 */

/** What a report can be exported as; "ehlo" is the JSON report under the desktop app's own extension. */
export const EXPORT_FORMATS = ["html", "pdf", "md", "json", "ehlo"] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/** A BCP 47 tag ("ar", "en-GB") or a POSIX locale ("en_US.UTF-8"), as LANG and navigator give them. */
const LocaleSchema = z
  .string()
  .max(40)
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*(\.[A-Za-z0-9-]{1,16})?$/, "is not a language tag");

/** A finding's checklist as the person left it: ticked step ids and their notes. */
export const ChecklistStateSchema = z.object({
  checked: z.array(z.string().max(100)).max(100),
  notes: z.string().max(20_000),
});

/** Which run to export: a saved one (by id) or one the page holds (a report opened from a file). */
export const ExportSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("history"), id: HistoryIdSchema }),
  z.object({ kind: z.literal("result"), result: CheckResultSchema }),
]);
export type ExportSource = z.infer<typeof ExportSourceSchema>;

export const HISTORY_METHODS = {
  "history.list": {
    params: z.strictObject({
      /** Case-insensitive part of the host name. */
      host: z.string().max(255).optional(),
      outcome: z.enum(OUTCOMES).optional(),
      /** Runs started at or after / at or before. */
      from: IsoDateSchema.optional(),
      to: IsoDateSchema.optional(),
    }),
    result: z.object({ runs: z.array(HistoryHeaderSchema) }),
  },
  "history.get": {
    params: z.strictObject({ id: HistoryIdSchema }),
    result: HistoryEntrySchema,
  },
  "history.delete": {
    params: z.strictObject({ id: HistoryIdSchema }),
    result: z.object({ deleted: HistoryIdSchema }),
  },
  "history.compare": {
    params: z.strictObject({ before: HistoryIdSchema, after: HistoryIdSchema }),
    result: RunComparisonSchema,
  },
  "history.import": {
    /** The text of an ehlo.report/1 file; untrusted, checked in full before anything is written. */
    params: z.strictObject({ json: z.string().min(1).max(MAX_REPORT_CHARS) }),
    result: HistoryEntrySchema,
  },
  "report.export": {
    params: z.strictObject({
      source: ExportSourceSchema,
      format: ExportFormatSchema,
      /** Language of the report's words (knowledge texts, headings). */
      lang: LocaleSchema,
      /** Hide mailboxes, the client's addresses and its HELO name. */
      anonymise: z.boolean().default(false),
      checklistState: z.partialRecord(z.enum(FINDING_IDS), ChecklistStateSchema).optional(),
      /** Decides the PDF paper size (Letter in the US and Canada, else A4); default: `lang`. */
      paperLocale: LocaleSchema.optional(),
    }),
    result: z.object({
      fileName: z.string(),
      mime: z.string(),
      /** The file's bytes, base64: PDF is binary, and every transport carries text. */
      base64: z.string(),
    }),
  },
} satisfies Record<string, MethodSpec>;
