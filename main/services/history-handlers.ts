import type { CheckResult } from "../../shared/contract/check-result";
import type { HistoryEntryData } from "../../shared/contract/history";
import type { ExportFormat, HISTORY_METHODS } from "../../shared/contract/methods-history";
import { compareRuns } from "../../shared/report/run-compare";
import { InputError } from "../../shared/smtp/input-error";
import { defaultAppServices, type AppServices } from "./app-services";
import { HistoryError } from "./history-store";
import type { MethodContext, MethodHandler } from "./method-handlers";
import { PdfUnavailableError } from "./pdf";
import { exportReport, type ReportFormat } from "./reports";

/**
 * Handlers of the history and report methods. Params arrive validated (the hub checks them with
 * the method's schema); what can still be wrong (a run that is gone, a hostile import, no
 * Chromium for PDF) becomes an InputError naming the field, so the page can say what to fix.
 * Every handler first waits for saves in flight, so a run that just finished is always there.
 */

async function servicesFor(ctx: MethodContext): Promise<AppServices> {
  const services = ctx.services ?? defaultAppServices();
  await services.recorder.settled();
  return services;
}

/** History problems the person can act on, as input errors; anything else stays an error. */
function explain(error: unknown, field: string): never {
  if (error instanceof HistoryError && error.code !== "corrupt") throw new InputError(field, error.message);
  throw error;
}

async function entry(services: AppServices, id: string, field: string): Promise<HistoryEntryData> {
  const failed = services.recorder.failure(id);
  if (failed !== null) throw new InputError(field, `This run was not saved to the history: ${failed}`);
  return services.history.get(id).catch((error: unknown) => explain(error, field));
}

const FILE_TYPES: Record<ExportFormat, { render: ReportFormat; extension: string; mime: string }> = {
  html: { render: "html", extension: "html", mime: "text/html;charset=utf-8" },
  pdf: { render: "pdf", extension: "pdf", mime: "application/pdf" },
  md: { render: "md", extension: "md", mime: "text/markdown;charset=utf-8" },
  json: { render: "json", extension: "json", mime: "application/json" },
  // The desktop app's own report files: the same JSON report (electron.config.ts registers the type).
  ehlo: { render: "json", extension: "ehlo", mime: "application/vnd.ehlo.report+json" },
};

/** "ehlo-mx.example.com-587-20261129-0616.pdf": the target and start time, safe on every file system. */
export function reportFileName(result: CheckResult, format: ExportFormat): string {
  const host = result.target.host.replace(/[^A-Za-z0-9.-]+/g, "_").replace(/^[.]+/, "").slice(0, 80) || "server";
  const started = new Date(result.startedAt);
  const stamp = Number.isNaN(started.getTime()) ? "" : `-${started.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-")}`;
  return `ehlo-${host}-${result.target.port}${stamp}.${FILE_TYPES[format].extension}`;
}

export const HISTORY_HANDLERS: { [M in keyof typeof HISTORY_METHODS]: MethodHandler<M> } = {
  "history.list": async (params, ctx) => {
    const services = await servicesFor(ctx);
    return { runs: await services.history.list(params).catch((error: unknown) => explain(error, "from")) };
  },

  "history.get": async ({ id }, ctx) => entry(await servicesFor(ctx), id, "id"),

  "history.delete": async ({ id }, ctx) => {
    const services = await servicesFor(ctx);
    await services.history.delete(id).catch((error: unknown) => explain(error, "id"));
    return { deleted: id };
  },

  "history.compare": async ({ before, after }, ctx) => {
    const services = await servicesFor(ctx);
    const [a, b] = await Promise.all([entry(services, before, "before"), entry(services, after, "after")]);
    return { ...compareRuns(a.result, b.result), before: a.header, after: b.header };
  },

  "history.import": async ({ json }, ctx) => {
    const services = await servicesFor(ctx);
    // importReport validates everything (size, JSON, prototype keys, schema) before writing.
    const header = await services.history.importReport(json).catch((error: unknown) => explain(error, "json"));
    return entry(services, header.id, "json");
  },

  "report.export": async ({ source, format, lang, anonymise, checklistState, paperLocale }, ctx) => {
    const services = await servicesFor(ctx);
    const result = source.kind === "history" ? (await entry(services, source.id, "source.id")).result : source.result;
    const type = FILE_TYPES[format];
    let body: Buffer | string;
    try {
      body = await exportReport(result, {
        format: type.render,
        lang: lang.split(/[-_.]/)[0]?.toLowerCase() ?? "en",
        anonymise,
        checklistState,
        paperLocale: paperLocale ?? lang,
        printer: services.printer,
      });
    } catch (error) {
      if (error instanceof PdfUnavailableError) throw new InputError("format", error.message);
      throw error;
    }
    return { fileName: reportFileName(result, format), mime: type.mime, base64: Buffer.from(body).toString("base64") };
  },
};
