import type { PreparedReport } from "./report-model";
import { REPORT_SCHEMA_ID, type ReportDocument } from "./report-schema";

/**
 * Report → `ehlo.report/1` JSON (pure): the model as the other views print it, plus the full
 * (redacted, and anonymised when asked) CheckResult, so the run can be re-imported into history
 * and compared later. Validated on import with ReportSchema / ehlo.report-1.schema.json.
 */
export function reportDocument(report: PreparedReport): ReportDocument {
  return { schema: REPORT_SCHEMA_ID, model: report.model, result: report.result };
}

export function renderJson(report: PreparedReport): string {
  return `${JSON.stringify(reportDocument(report), null, 2)}\n`;
}
