import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderJson } from "../../shared/report/render-json";
import { startCheck } from "../services/checks";
import { prepareReport } from "../services/reports";
import { startTinySmtp } from "../testing/tiny-smtp";
import { MAX_REPORT_BYTES, readReportFile } from "./report-file";

let dir: string;
let reportText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ehlo-report-file-"));
  // A real report: a real check against a loopback SMTP fixture, exported as the app does.
  const smtp = await startTinySmtp("polite");
  try {
    const result = await startCheck({ host: "127.0.0.1", port: smtp.port, tls: "none", alternativePorts: [], timeouts: { connectMs: 2000, greetingMs: 5000, commandMs: 5000 } });
    reportText = renderJson(prepareReport(result, { lang: "en" }));
  } finally {
    await smtp.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe("readReportFile", () => {
  it("opens an exported report, with a byte-order mark too, and passes on the base name only", async () => {
    for (const [name, content] of [["run.ehlo", reportText], ["bom.ehlo", `\uFEFF${reportText}`]] as const) {
      const result = await readReportFile(write(name, content));
      expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
      if (!result.ok) continue;
      expect(result.report.fileName).toBe(name);
      expect(result.report.document.schema).toBe("ehlo.report/1");
      expect(result.report.document.result.outcome).toBe(JSON.parse(reportText).result.outcome);
    }
  });

  it.each([
    ["not JSON", "hello", /not valid JSON/],
    ["another JSON document", '{"name": "package"}', /Not an Ehlo report/],
    ["a prototype-pollution attempt", '{"schema": "ehlo.report/1", "__proto__": {"admin": true}}', /forbidden key "__proto__"/],
    ["a report with a broken field", JSON.stringify({ schema: "ehlo.report/1", model: {}, result: {} }), /does not match ehlo.report\/1/],
  ])("refuses %s with the reason", async (_name, content, reason) => {
    const result = await readReportFile(write("bad.ehlo", content));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    expect(result.ok ? "" : result.reason).toMatch(/^bad\.ehlo: /);
  });

  it("refuses a binary file, a folder, a missing file and an oversized file", async () => {
    expect(await readReportFile(write("image.ehlo", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00])))).toEqual({ ok: false, reason: expect.stringMatching(/not UTF-8/) });
    mkdirSync(join(dir, "folder.ehlo"));
    expect(await readReportFile(join(dir, "folder.ehlo"))).toEqual({ ok: false, reason: expect.stringMatching(/folder\.ehlo (is not a file|could not be opened)/) });
    expect(await readReportFile(join(dir, "gone.ehlo"))).toEqual({ ok: false, reason: "gone.ehlo could not be opened: it does not exist (moved or deleted?)." });
    const big = join(dir, "big.ehlo");
    writeFileSync(big, "");
    // A sparse file: its size is over the cap without writing 32 MB.
    truncateSync(big, MAX_REPORT_BYTES + 1);
    expect(await readReportFile(big)).toEqual({ ok: false, reason: expect.stringMatching(/too large/) });
  });
});
