import os from "node:os";
import path from "node:path";
import type { CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { FindingId } from "../../shared/contract/findings";
import { InputError } from "../../shared/smtp/input-error";
import { bidiText } from "../../shared/i18n/bidi";
import type { AnonymiseOptions } from "../../shared/report/anonymise";
import {
  buildReport,
  type ChecklistState,
  type Platform,
  type PreparedReport,
  type ReportEnvironment,
} from "../../shared/report/report-model";
import { renderHtml } from "../../shared/report/render-html";
import { renderJson } from "../../shared/report/render-json";
import { renderMarkdown } from "../../shared/report/render-markdown";
import { secretForms } from "../engine/sasl";
import { platformOf } from "../../shared/knowledge/findings";
import { loadKnowledgeBundle, loadKnowledgeFacts } from "./knowledge-store";
import { createChromiumPrinter, paperFor, type PdfPrinter } from "./pdf";
import { EHLO_VERSION } from "./version";

/**
 * `reports.export` of the contract: one run → HTML, PDF, Markdown or JSON. All four render the
 * same report model (shared/report), built here with the knowledge base of the chosen language.
 */

export const REPORT_FORMATS = ["html", "pdf", "md", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXTENSIONS: Record<string, ReportFormat> = {
  ".html": "html",
  ".htm": "html",
  ".pdf": "pdf",
  ".md": "md",
  ".markdown": "md",
  ".json": "json",
  // Ehlo's own report files (the desktop app's file association) are JSON reports.
  ".ehlo": "json",
};

/** The format from `--format`, else from the file's extension; a clear InputError otherwise. */
export function reportFormatFor(file: string, explicit?: string): ReportFormat {
  if (explicit !== undefined) {
    const format = explicit.toLowerCase();
    if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
    throw new InputError("format", `Unknown report format "${explicit}": use one of ${REPORT_FORMATS.join(", ")}.`);
  }
  const ext = path.extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  if (format) return format;
  throw new InputError(
    "report",
    `Cannot tell the report format from "${path.basename(file)}"${ext ? ` (extension ${ext})` : " (no extension)"}: ` +
      `name it .html, .pdf, .md, .json or .ehlo, or add --format ${REPORT_FORMATS.join("|")}.`,
  );
}

export interface ExportOptions {
  format: ReportFormat;
  lang: string;
  /** true: mailboxes, client address and the client's HELO name; or exactly what to hide. */
  anonymise?: boolean | AnonymiseOptions;
  checklistState?: Partial<Record<FindingId, ChecklistState>>;
  platform?: Platform;
  /** Locale that decides the PDF paper size (LC_PAPER, LANG …); default: the language. */
  paperLocale?: string;
  /** The credentials used for the run: every form of them is scrubbed from the report. */
  credentials?: { user?: string; secrets: CheckSecrets };
  printer?: PdfPrinter;
  environment?: Partial<ReportEnvironment>;
}

export function defaultEnvironment(now: Date = new Date()): ReportEnvironment {
  return {
    ehloVersion: EHLO_VERSION,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    generatedAt: now.toISOString(),
  };
}

/** Every form in which the run's secrets could appear (sasl.secretForms), for scrubbing. */
export function secretsToScrub(credentials: ExportOptions["credentials"]): string[] {
  if (!credentials) return [];
  const user = credentials.user ?? "";
  return [credentials.secrets.password, credentials.secrets.token].flatMap((secret) => (secret ? secretForms(user, secret) : []));
}

/** The client's own name as announced in EHLO/HELO (a host name can identify a person's PC). */
function heloName(result: CheckResult): string | null {
  for (const event of result.events) {
    if (event.kind === "send" && (event.command === "EHLO" || event.command === "HELO")) {
      const name = event.text.split(/\s+/)[1];
      if (name && !name.startsWith("[")) return name;
    }
  }
  return null;
}

export function anonymiseOptions(result: CheckResult, anonymise: ExportOptions["anonymise"]): AnonymiseOptions | undefined {
  if (!anonymise) return undefined;
  if (anonymise !== true) return anonymise;
  const helo = heloName(result);
  return { mailboxes: true, clientAddresses: true, hosts: helo ? [helo] : [] };
}

export function prepareReport(result: CheckResult, options: Omit<ExportOptions, "format">): PreparedReport {
  // An unavailable language falls back to English; the report then says lang="en", honestly.
  const bundle = loadKnowledgeBundle(options.lang, { onFallback: () => undefined });
  return buildReport(result, {
    bundle,
    facts: loadKnowledgeFacts(),
    lang: bundle.lang,
    platform: options.platform ?? platformOf(process.platform),
    anonymise: anonymiseOptions(result, options.anonymise),
    checklistState: options.checklistState,
    environment: { ...defaultEnvironment(), ...options.environment },
    secrets: secretsToScrub(options.credentials),
  });
}

export async function exportReport(result: CheckResult, options: ExportOptions): Promise<Buffer | string> {
  const report = prepareReport(result, options);
  switch (options.format) {
    case "html":
      return renderHtml(report.model);
    case "md":
      return renderMarkdown(report.model);
    case "json":
      return renderJson(report);
    case "pdf": {
      const printer = options.printer ?? createChromiumPrinter();
      return printer.print(renderHtml(report.model), {
        title: bidiText(report.model.title, report.model.dir),
        time: bidiText(report.model.environment.generatedAtLocal, report.model.dir),
        lang: report.model.lang,
        dir: report.model.dir,
        paper: paperFor(options.paperLocale ?? options.lang),
      });
    }
  }
}
