import { existsSync } from "node:fs";
import type { BrowserType } from "playwright-core";
import { escapeHtml } from "../../shared/report/text-safety";

/**
 * HTML report → PDF. The printer is an interface so each face injects what it has: the CLI and
 * the loopback host use headless Chromium through playwright-core (Debian's /usr/bin/chromium;
 * Electron cannot be downloaded on every machine), the Electron shell can wrap
 * `webContents.printToPDF` later without this module importing electron (architecture: services
 * must not import electron).
 */

export type PaperFormat = "A4" | "Letter";

export interface PdfPrintOptions {
  /** Shown in the header of every page. */
  title: string;
  /** The report time as the reader should see it (local time), shown in the footer. */
  time: string;
  lang: string;
  dir: "ltr" | "rtl";
  paper: PaperFormat;
}

export interface PdfPrinter {
  print(html: string, options: PdfPrintOptions): Promise<Buffer>;
}

export class PdfUnavailableError extends Error {
  override readonly name = "PdfUnavailableError";
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  return env.EHLO_CHROMIUM || "/usr/bin/chromium";
}

/** Throws a helpful error when no Chromium is installed; called before a check starts. */
export function assertChromium(env: Record<string, string | undefined> = process.env): string {
  const executable = chromiumPath(env);
  if (!existsSync(executable)) {
    throw new PdfUnavailableError(
      `PDF export needs Chromium, which was not found at ${executable}. Install it (Debian/Ubuntu: apt-get install chromium) ` +
        "or point EHLO_CHROMIUM at a Chromium or Chrome binary, or export HTML instead (--format html) and print it from a browser.",
    );
  }
  return executable;
}

// Paper follows the country, not the language: US and Canadian offices use Letter, almost
// everyone else ISO 216 A4. "en_US.UTF-8", "en-CA", "fr-CA" → Letter; "en-GB", "ar", "de" → A4.
const LETTER_REGIONS = new Set(["US", "CA"]);

export function paperFor(locale: string): PaperFormat {
  const region = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/i.exec(locale.trim())?.[1]?.toUpperCase();
  return region && LETTER_REGIONS.has(region) ? "Letter" : "A4";
}

/** Header and footer of every page (Chromium fills .pageNumber and .totalPages); Electron uses them too. */
export function pdfTemplates(options: PdfPrintOptions): { headerTemplate: string; footerTemplate: string } {
  const wrap = (inner: string) =>
    `<div dir="${options.dir}" lang="${escapeHtml(options.lang)}" style="width:100%;margin:0 13mm;font-size:8px;color:#5b6570;` +
    `font-family:'DejaVu Sans','Noto Sans','Segoe UI',Tahoma,sans-serif;display:flex;justify-content:space-between;">${inner}</div>`;
  return {
    headerTemplate: wrap(`<span>${escapeHtml(options.title)}</span><span>Ehlo</span>`),
    footerTemplate: wrap(
      `<span>${escapeHtml(options.time)}</span><span dir="ltr"><span class="pageNumber"></span> / <span class="totalPages"></span></span>`,
    ),
  };
}

export function createChromiumPrinter(options: { executablePath?: string; timeoutMs?: number } = {}): PdfPrinter {
  return {
    async print(html, printOptions) {
      const executablePath = options.executablePath ?? assertChromium();
      let chromium: BrowserType;
      try {
        // Loaded on demand: only PDF export needs it, and it is large.
        ({ chromium } = await import("playwright-core"));
      } catch (error) {
        throw new PdfUnavailableError(`PDF export needs the playwright-core package (${(error as Error).message}); export HTML instead.`);
      }
      const timeout = options.timeoutMs ?? 60_000;
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
      try {
        // The report is static: no script may run and nothing may be fetched, whatever it contains.
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        await context.route("**/*", (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: "load", timeout });
        const pdf = await page.pdf({
          format: printOptions.paper,
          printBackground: true,
          displayHeaderFooter: true,
          ...pdfTemplates(printOptions),
          margin: { top: "20mm", bottom: "18mm", left: "13mm", right: "13mm" },
        });
        return Buffer.from(pdf);
      } finally {
        await browser.close();
      }
    },
  };
}
