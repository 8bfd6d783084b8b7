import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/program";
import { captureIo } from "../testing/capture-io";
import { POSTFIX, postfixSuite } from "../testing/postfix";
import { assertChromium, createChromiumPrinter, PdfUnavailableError } from "./pdf";

/**
 * PDF reports through headless Chromium, checked the way a person would: the text layer
 * (pdftotext) and the rendered pages (pdftoppm). The page images stay in .tmp/report-pages/
 * (not committed) for a human look: Arabic right-to-left, codes and transcript left-to-right.
 */
const caFile = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
const pagesDir = fileURLToPath(new URL("../../.tmp/report-pages/", import.meta.url));
const postfix = await postfixSuite();
const target = `${POSTFIX.host}:${POSTFIX.ports.smtp}`;

/**
 * pdftotext keeps bidi marks around runs and drops the space before an isolated Latin run
 * ("شهادة TLS" → "شهادة‪TLS"): compare without marks, diacritics and spaces.
 */
function plain(text: string): string {
  return text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069\s]|\p{Mn}/gu, "");
}

describe("Chromium availability", () => {
  it("says how to install Chromium or to use HTML when it is missing", () => {
    expect(() => assertChromium({ EHLO_CHROMIUM: "/nonexistent/chromium" })).toThrow(PdfUnavailableError);
    expect(() => assertChromium({ EHLO_CHROMIUM: "/nonexistent/chromium" })).toThrow(/apt-get install chromium.*--format html/);
    expect(assertChromium({})).toBe("/usr/bin/chromium");
  });
});

describe("the Chromium printer runs no script and fetches nothing", () => {
  let server: Server;
  let requests = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end("x");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("prints a page with a script, an image and a stylesheet from a server without contacting it", async () => {
    const url = `http://127.0.0.1:${port}`;
    const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${url}/s.css"></head><body>
      <p id="p">static text</p><img src="${url}/i.png">
      <script>document.getElementById("p").textContent = "SCRIPT RAN"; fetch("${url}/f");</script></body></html>`;
    const pdf = await createChromiumPrinter().print(html, { title: "t", time: "now", lang: "en", dir: "ltr", paper: "A4" });
    const file = path.join(pagesDir, "isolation.pdf");
    mkdirSync(pagesDir, { recursive: true });
    writeFileSync(file, pdf);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("static text");
    expect(text).not.toContain("SCRIPT RAN");
    expect(requests).toBe(0);
  });
});

describe.skipIf(postfix.skip)("PDF reports in English and Arabic from a real run", () => {
  beforeAll(() => {
    rmSync(pagesDir, { recursive: true, force: true });
    mkdirSync(pagesDir, { recursive: true });
  });

  // A failing RCPT gives findings with checklists; the good STARTTLS gives a certificate.
  const args = (lang: string, file: string) => [
    "check", target, "--tls", "starttls", "--ca-file", caFile, "--from", "bob@ehlo.test",
    "--to", POSTFIX.unknownRecipient, "--to", POSTFIX.foreignRecipient, "--lang", lang, "--report", file,
  ];

  it.each([
    ["en", ["Failed", "The recipient was refused", "Relaying denied", "rcpt.rejected", "Checklist", "550 5.1.1"]],
    // pdftotext splits a few Arabic glyph clusters ("رُفض" comes out as "ُر فض"): whole words that survive.
    ["ar", ["فشل", "المستلم", "الترحيل مرفوض", "rcpt.rejected", "قائمة التحقق", "550 5.1.1", "شهادة TLS"]],
  ])("%s: the text layer has the verdict and findings, and the pages render", async (lang, expected) => {
    const file = path.join(pagesDir, `report-${lang}.pdf`);
    const io = captureIo({ env: { LANG: "C.UTF-8" } });
    const code = await runCli(args(lang, file), io);
    expect(io.stderr()).toBe("");
    expect(code).toBe(1);
    const text = plain(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }));
    for (const words of expected) expect(text).toContain(plain(words));
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    execFileSync("pdftoppm", ["-r", "60", "-png", file, path.join(pagesDir, `page-${lang}`)]);
    const pages = readdirSync(pagesDir).filter((name) => name.startsWith(`page-${lang}`) && name.endsWith(".png"));
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });
});
