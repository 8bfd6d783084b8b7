import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReportJson } from "../../shared/report/report-import";
import { runCli } from "../cli/program";
import { captureIo } from "../testing/capture-io";
import { POSTFIX, postfixSuite } from "../testing/postfix";
import { reply, startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { openHistoryStore } from "./history-store";
import { paperFor } from "./pdf";
import { reportFormatFor } from "./reports";
import { startTrapServer, type TrapServer } from "../testing/trap-server";

const caFile = fileURLToPath(new URL("../../.ci/postfix/generated/ca.pem", import.meta.url));
const schemaFile = fileURLToPath(new URL("../../shared/report/ehlo.report-1.schema.json", import.meta.url));
const postfix = await postfixSuite();
const target = `${POSTFIX.host}:${POSTFIX.ports.smtp}`;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "ehlo-report-"));
}

describe("report format from the file name or --format", () => {
  it("reads the extension, prefers --format, and explains what is wrong", () => {
    expect(reportFormatFor("a/b/Report.HTML")).toBe("html");
    expect(reportFormatFor("r.markdown")).toBe("md");
    expect(reportFormatFor("r.txt", "pdf")).toBe("pdf");
    expect(() => reportFormatFor("r.txt")).toThrow(/from "r.txt" \(extension .txt\): name it .html, .pdf, .md, .json or .ehlo, or add --format/);
    expect(() => reportFormatFor("report")).toThrow(/\(no extension\)/);
    expect(() => reportFormatFor("r.html", "docx")).toThrow(/Unknown report format "docx"/);
  });

  it("picks Letter for the US and Canada, A4 elsewhere", () => {
    expect(paperFor("en_US.UTF-8")).toBe("Letter");
    expect(paperFor("en-CA")).toBe("Letter");
    expect(paperFor("en_GB.UTF-8")).toBe("A4");
    expect(paperFor("ar")).toBe("A4");
    expect(paperFor("C")).toBe("A4");
  });
});

describe("ehlo check --report: bad options exit 2 before any connection", () => {
  let trap: TrapServer;
  beforeAll(async () => {
    trap = await startTrapServer();
  });
  afterAll(() => trap.close());

  it.each([
    [["--report", "r.txt"], {}, /name it .html, .pdf, .md, .json or .ehlo/],
    [["--report", "r.html", "--format", "docx"], {}, /Allowed choices are html, pdf, md, json/],
    [["--format", "md"], {}, /--format needs --report FILE/],
    [["--anonymise"], {}, /--anonymise needs --report FILE/],
    [["--report", "/nonexistent-folder/r.html"], {}, /the folder \/nonexistent-folder does not exist/],
    [["--report", "r.pdf"], { EHLO_CHROMIUM: "/nonexistent/chromium" }, /needs Chromium.*apt-get install chromium.*--format html/],
  ])("%j", async (extra, env, message) => {
    const io = captureIo({ env });
    const code = await runCli(["check", `127.0.0.1:${trap.port}`, ...extra], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(trap.connections).toBe(0);
  });
});

describe.skipIf(postfix.skip)("reports of a real run against Postfix", () => {
  const dir = tempDir();
  const run = async (file: string, extra: string[] = [], env: Record<string, string> = {}) => {
    const io = captureIo({ env: { EHLO_DATA_DIR: path.join(dir, "data"), ...env } });
    const code = await runCli(["check", target, "--tls", "starttls", "--ca-file", caFile, "--report", path.join(dir, file), ...extra], io);
    expect(io.stderr()).toBe("");
    expect(code).toBe(0);
    expect(io.stdout()).toContain(`=== Report written to ${path.join(dir, file)}`);
    return readFileSync(path.join(dir, file));
  };

  it("HTML: verdict, findings, certificate, waterfall, transcript; static", async () => {
    const html = (await run("r.html")).toString("utf8");
    expect(html).toMatch(/<p class="outcome">Works<\/p>/);
    expect(html).toContain("The check passed");
    expect(html).toContain("CN=mx.ehlo.test");
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("220 mx.ehlo.test ESMTP Postfix");
    expect(html).not.toMatch(/<script|\son\w+\s*=/i);
  });

  it("Markdown: summary, findings and the transcript in a fenced block", async () => {
    const md = (await run("r.md")).toString("utf8");
    expect(md).toMatch(/^# SMTP check report: 127\.0\.0\.1:25$/m);
    expect(md).toContain("**Works**: The check passed");
    expect(md).toMatch(/```text\n[\s\S]*<- {2}220 mx\.ehlo\.test ESMTP Postfix[\s\S]*\n```\n/);
  });

  it("JSON: validates against the JSON Schema and re-imports to the same events", async () => {
    const text = (await run("r.json", ["--format", "json"])).toString("utf8");
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")) as object);
    const doc = JSON.parse(text) as unknown;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...(doc as object), schema: "ehlo.report/2" })).toBe(false);
    const report = parseReportJson(text);
    const store = openHistoryStore({ dir: path.join(dir, "imported") });
    const header = await store.importReport(text);
    expect((await store.get(header.id)).result.events).toEqual(report.result.events);
    expect(report.result.events.some((e) => e.kind === "tls.established")).toBe(true);
  });

  it("PDF: a PDF whose text has the verdict and the finding; Letter under en_US", async () => {
    const pdf = await run("r.pdf", [], { LANG: "en_US.UTF-8" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "r.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Works");
    expect(text).toContain("The check passed");
    expect(execFileSync("pdfinfo", [path.join(dir, "r.pdf")], { encoding: "utf8" })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it("--anonymise hides the client address and mailbox names, in the JSON's result too", async () => {
    const text = (await run("anon.json", ["--anonymise", "--from", "bob.smith@ehlo.test", "--to", POSTFIX.validRecipient])).toString("utf8");
    expect(text).not.toContain("bob.smith@");
    expect(text).not.toContain("alice@");
    expect(text).toContain("MAIL FROM:<user1@ehlo.test>");
    expect(text).toContain("client-ip-1");
    const report = parseReportJson(text);
    expect(report.model.anonymised).toBe(true);
    const connected = report.result.events.find((e) => e.kind === "tcp.connected");
    expect(connected?.kind === "tcp.connected" && connected.localAddress).toBe("client-ip-1");
  });
});

describe("hostile server text in reports", () => {
  const HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> ``` [link](javascript:x)";
  let rejecting: ScriptedServer;
  let greeting: ScriptedServer;
  const dir = tempDir();
  beforeAll(async () => {
    // Refused greeting: the banner is quoted in the finding's description (prose) and the transcript.
    rejecting = await startScriptedServer(smtpScript({ greeting: reply(`554 ${HOSTILE}`) }));
    // Accepted greeting with hostile EHLO lines, including a long backtick run.
    greeting = await startScriptedServer(
      smtpScript({
        greeting: reply(`220 ${HOSTILE}`),
        rules: [{ match: "EHLO", reply: reply(`250-${HOSTILE}`, "250-````````` fence?", "250 <b onmouseover=alert(2)>x</b>") }],
      }),
    );
  });
  afterAll(async () => {
    await rejecting.close();
    await greeting.close();
  });

  for (const which of ["rejecting", "greeting"] as const) {
    it(`${which}: shows as text in HTML and Markdown, with no executable markup`, async () => {
      const server = which === "rejecting" ? rejecting : greeting;
      for (const ext of ["html", "md"]) {
        const io = captureIo();
        await runCli(["check", `${server.host}:${server.port}`, "--tls", "none", "--report", path.join(dir, `${which}.${ext}`)], io);
        expect(io.stdout()).toContain("=== Report written to");
      }
      const html = readFileSync(path.join(dir, `${which}.html`), "utf8");
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
      expect(html).not.toMatch(/<(?:img|b)\b/i);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");

      const md = readFileSync(path.join(dir, `${which}.md`), "utf8");
      const blocks = [...md.matchAll(/^(`{3,})[^\n`]*\n([\s\S]*?)\n\1$/gm)];
      const transcript = blocks.find((b) => b[2]?.includes("Checking 127.0.0.1"));
      expect(transcript?.[2]).toContain(HOSTILE);
      if (which === "greeting") expect(transcript?.[1]?.length).toBeGreaterThan(9);
      // Outside fenced blocks and inline code spans (whose content is literal by definition).
      const outside = md.replace(/^(`{3,})[^\n`]*\n[\s\S]*?\n\1$/gm, "").replace(/(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, "");
      expect(outside).not.toMatch(/(?<!\\)<(?:script|img|b)\b/i);
      expect(outside).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(javascript:/);
      if (which === "rejecting") expect(outside).toContain("\\[link\\](javascript:x)");
    });
  }
});

describe("no report file is left half-written", () => {
  it("a failed PDF leaves no file and no temporary file", async () => {
    const dir = tempDir();
    const server = await startScriptedServer(smtpScript());
    try {
      const io = captureIo({ env: { EHLO_CHROMIUM: "/bin/false" } });
      const code = await runCli(["check", `${server.host}:${server.port}`, "--tls", "none", "--report", path.join(dir, "r.pdf")], io);
      expect(code).toBe(2);
      expect(io.stderr()).toMatch(/The report could not be made/);
      expect(existsSync(path.join(dir, "r.pdf"))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
