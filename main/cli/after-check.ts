import { statSync } from "node:fs";
import path from "node:path";
import type { CheckRequestInput, CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import { InputError } from "../../shared/smtp/input-error";
import { openHistoryStore } from "../services/history-store";
import { assertChromium, createChromiumPrinter, PdfUnavailableError, type PdfPrinter } from "../services/pdf";
import { exportReport, reportFormatFor, secretsToScrub, type ReportFormat } from "../services/reports";
import { writeFileAtomic } from "../services/atomic-file";
import { platformOf } from "../../shared/knowledge/findings";
import type { CliIo } from "./io";

/**
 * What `ehlo check` does once the run is finished: write a report (--report FILE, --format,
 * --anonymise) and save to history (--save). Everything that can be wrong with these options is
 * checked by `prepareAfterCheck` before the check starts, so a typo costs no connection.
 */
export interface AfterCheckFlags {
  report?: string;
  format?: string;
  anonymise?: boolean;
  save?: boolean;
  json?: boolean;
  lang: string;
}

export type AfterCheck = (result: CheckResult, run: { request: CheckRequestInput; secrets: CheckSecrets }) => Promise<void>;

export function prepareAfterCheck(flags: AfterCheckFlags, io: CliIo): AfterCheck {
  let format: ReportFormat | null = null;
  let printer: PdfPrinter | undefined;
  const file = flags.report === undefined ? null : path.resolve(flags.report);
  if (file === null) {
    if (flags.format !== undefined) throw new InputError("format", "--format needs --report FILE.");
    if (flags.anonymise) throw new InputError("anonymise", "--anonymise needs --report FILE.");
  } else {
    format = reportFormatFor(file, flags.format);
    const folder = path.dirname(file);
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      throw new InputError("report", `Cannot write the report: the folder ${folder} does not exist.`);
    }
    if (format === "pdf") {
      try {
        printer = createChromiumPrinter({ executablePath: assertChromium(io.env) });
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new InputError("format", error.message);
        throw error;
      }
    }
  }
  // Status lines go to stderr under --json, whose stdout must stay one JSON object.
  const status = (text: string) => (flags.json ? io.err(text) : io.out(text));

  return async (result, run) => {
    const credentials = { user: run.request.auth?.user, secrets: run.secrets };
    if (file !== null && format !== null) {
      const body = await exportReport(result, {
        format,
        lang: flags.lang,
        anonymise: flags.anonymise === true,
        platform: platformOf(io.platform),
        paperLocale: io.env.LC_PAPER || io.env.LC_ALL || io.env.LANG || flags.lang,
        credentials,
        printer,
      }).catch((error: unknown) => {
        throw new InputError("report", `The report could not be made: ${(error as Error).message}`);
      });
      await writeFileAtomic(file, body);
      status(`=== Report written to ${file}\n`);
    }
    if (flags.save) {
      const header = await openHistoryStore({ env: io.env }).save(result, { secrets: secretsToScrub(credentials) });
      status(`=== Saved to history as ${header.id}\n`);
    }
  };
}
