import { REPORT_SCHEMA_ID, ReportSchema, type ReportDocument } from "./report-schema";

/**
 * Reading an `ehlo.report/1` file that someone hands you (pure). The file is untrusted: it is
 * size-capped, parsed without letting "__proto__"-style keys through (they could change the
 * prototype of objects built from it), and validated against ReportSchema. Any problem is a
 * ReportImportError with a message a person can act on; nothing is returned half-read.
 */
export const MAX_REPORT_CHARS = 32 * 1024 * 1024;

export class ReportImportError extends Error {
  override readonly name = "ReportImportError";
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function parseReportJson(text: string): ReportDocument {
  if (text.length > MAX_REPORT_CHARS) {
    throw new ReportImportError(`The file is too large for an Ehlo report (${Math.round(text.length / 1048576)} MB; at most ${MAX_REPORT_CHARS / 1048576} MB).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ReportImportError(`The file contains a forbidden key "${key}"; it is not an Ehlo report.`);
      return value;
    });
  } catch (error) {
    if (error instanceof ReportImportError) throw error;
    throw new ReportImportError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (schema !== REPORT_SCHEMA_ID) {
    const found = typeof schema === "string" ? `"${schema.slice(0, 40)}"` : "no schema field";
    throw new ReportImportError(`Not an Ehlo report: expected schema "${REPORT_SCHEMA_ID}", found ${found}.`);
  }
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : "";
    throw new ReportImportError(`The report does not match ${REPORT_SCHEMA_ID}: ${issues}${more}.`);
  }
  return parsed.data;
}
