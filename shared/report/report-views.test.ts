import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../contract/check-result";
import type { CheckEvent, EventDraft } from "../contract/events";
import type { KnowledgeBundle, KnowledgeFacts } from "../knowledge/types";
import { stripIsolates } from "../i18n/bidi";
import { buildReport, type ReportOptions } from "./report-model";
import { renderHtml } from "./render-html";
import { codeBlock, escapeMarkdown, inlineCode, renderMarkdown } from "./render-markdown";
import { renderJson } from "./render-json";
import { parseReportJson, ReportImportError } from "./report-import";
import { reportLocales } from "./report-labels";
import { loadKnowledgeBundle, loadKnowledgeFacts } from "../../main/services/knowledge-store";

// The real data files through the real loader (shared stays pure; only the test reads disk).
const facts: KnowledgeFacts = loadKnowledgeFacts();
const bundleOf = (lang: string): KnowledgeBundle => loadKnowledgeBundle(lang);

const SECRET = "hunter2-Secret!";
const B64_SECRET = "aHVudGVyMi1TZWNyZXQh";
const HOSTILE = 'Hi <script>alert(1)</script> <img src=x onerror=alert(1)> ``` [link](javascript:x) \u202Egnp.exe';

/** A run as a buggy engine might record it: AUTH data in clear, hostile server text. */
function sampleResult(): CheckResult {
  const drafts: EventDraft[] = [
    { kind: "session.start", host: "mail.corp.example", port: 587, tls: "none" },
    { kind: "phase", phase: "connect", state: "start" },
    { kind: "tcp.connected", localAddress: "203.0.113.7", localPort: 50123, remoteAddress: "192.0.2.25", remotePort: 587, ms: 3 },
    { kind: "phase", phase: "connect", state: "end" },
    { kind: "phase", phase: "greeting", state: "start" },
    { kind: "recv", text: `220 ${HOSTILE}`, code: 220, final: true, tls: false, bareLf: false, phase: "greeting", replyTo: null },
    { kind: "phase", phase: "greeting", state: "end" },
    { kind: "phase", phase: "auth", state: "start" },
    { kind: "send", text: `AUTH PLAIN ${B64_SECRET}`, command: "AUTH", tls: false, redacted: false },
    { kind: "recv", text: "334 VXNlcm5hbWU6", code: 334, final: true, tls: false, bareLf: false, phase: "auth", replyTo: "AUTH" },
    { kind: "send", text: "aGVscGRlc2s=", command: "AUTH-RESPONSE", tls: false, redacted: false },
    { kind: "recv", text: "334 UGFzc3dvcmQ6", code: 334, final: true, tls: false, bareLf: false, phase: "auth", replyTo: "AUTH-RESPONSE" },
    { kind: "send", text: "c2VjcmV0LWFnYWlu", command: "LOGIN-ANSWER", tls: false, redacted: false },
    { kind: "recv", text: "235 2.7.0 Authentication successful", code: 235, final: true, tls: false, bareLf: false, phase: "auth", replyTo: "AUTH" },
    { kind: "phase", phase: "auth", state: "end" },
    { kind: "phase", phase: "rcpt", state: "start" },
    { kind: "send", text: "RCPT TO:<alice@corp.example>", command: "RCPT", tls: false, redacted: false },
    { kind: "recv", text: "550-5.1.1 <alice@corp.example> ````````", code: 550, final: false, tls: false, bareLf: false, phase: "rcpt", replyTo: "RCPT" },
    { kind: "recv", text: `550 5.1.1 the password was ${SECRET}`, code: 550, final: true, tls: false, bareLf: false, phase: "rcpt", replyTo: "RCPT" },
    { kind: "phase", phase: "rcpt", state: "end" },
    { kind: "phase", phase: "quit", state: "start" },
    { kind: "done", outcome: "failed" },
  ];
  const events = drafts.map((draft, seq) => ({ ...draft, seq, t: seq * 10 }) as CheckEvent);
  const rcptReply = events.find((e) => e.kind === "recv" && e.code === 550 && e.final)?.seq ?? -1;
  return {
    schema: "ehlo.check/1",
    target: { host: "mail.corp.example", port: 587, tls: "none", mx: false, address: "192.0.2.25" },
    startedAt: "2026-11-29T06:00:00.000Z",
    durationMs: 210,
    events,
    tls: null,
    capabilities: ["AUTH PLAIN LOGIN"],
    findings: [
      { id: "session.ok", severity: "info", evidence: [], params: {} },
      { id: "rcpt.rejected", severity: "error", evidence: [rcptReply], params: { to: "alice@corp.example", code: 550, text: HOSTILE } },
      // Its description quotes the server text: hostile text in prose, outside any code block.
      { id: "greeting.rejected", severity: "error", evidence: [5], params: { code: 220, text: HOSTILE } },
    ],
    outcome: "failed",
  };
}

function options(lang: string, extra: Partial<ReportOptions> = {}): ReportOptions {
  return {
    bundle: bundleOf(lang),
    facts,
    lang,
    platform: "linux",
    environment: { ehloVersion: "0.1.0", os: "Linux test", timeZone: "Asia/Riyadh", generatedAt: "2026-11-29T06:01:00.000Z" },
    secrets: [SECRET, B64_SECRET],
    ...extra,
  };
}

describe("report model", () => {
  const report = buildReport(sampleResult(), options("en", { checklistState: { "rcpt.rejected": { checked: ["spelling"], notes: "Called the user at 10:40." } } }));
  const model = report.model;

  it("puts the verdict first: outcome, and the most severe finding as the headline", () => {
    expect(model.verdict).toMatchObject({ outcome: "failed", outcomeText: "Failed", headline: "The recipient was refused", counts: { error: 2, warning: 0, info: 1 } });
    expect(model.findings.map((f) => f.id)).toEqual(["rcpt.rejected", "greeting.rejected", "session.ok"]);
  });

  it("carries checklist state, notes, evidence lines and explained replies", () => {
    const finding = model.findings[0];
    expect(finding?.checklist.find((s) => s.id === "spelling")?.checked).toBe(true);
    expect(finding?.checklist.find((s) => s.id === "read-text")?.checked).toBe(false);
    expect(finding?.notes).toBe("Called the user at 10:40.");
    expect(finding?.evidence[0]?.text).toContain("550 5.1.1");
    const greeting = model.transcript.find((row) => row.text.startsWith("220 "));
    expect(greeting?.explanation).toMatch(/\S/);
    // Only the last line of a multiline reply carries the explanation.
    expect(model.transcript.find((row) => row.text.startsWith("550-"))?.explanation).toBeNull();
    expect(model.transcript.find((row) => row.text.startsWith("550 "))?.explanation).toMatch(/\S/);
  });

  it("gives the phase waterfall from the phase events, an unfinished phase marked so", () => {
    expect(model.waterfall.spans.map((s) => [s.phase, s.durationMs, s.complete])).toEqual([
      ["connect", 20, true],
      ["greeting", 20, true],
      ["auth", 70, true],
      ["rcpt", 40, true],
      ["quit", 10, false],
    ]);
  });

  it("shows times in ISO 8601 and in the user's local time", () => {
    expect(model.environment.startedAt).toBe("2026-11-29T06:00:00.000Z");
    expect(model.environment.startedAtLocal).toMatch(/November 29, 2026.*9:00:00/);
  });

  it("removes AUTH payloads, every line after a 334 and any known secret form (defence in depth)", () => {
    const everything = [JSON.stringify(report), renderHtml(model), renderMarkdown(model), renderJson(report)].join("\n");
    for (const secret of [SECRET, B64_SECRET, "aGVscGRlc2s=", "c2VjcmV0LWFnYWlu"]) expect(everything).not.toContain(secret);
    expect(model.transcript.filter((row) => row.text.includes("<redacted>")).map((row) => row.text)).toEqual([
      "AUTH PLAIN <redacted>",
      "<redacted>",
      "<redacted>",
      "550 5.1.1 the password was <redacted>",
    ]);
  });
});

describe("HTML view", () => {
  const html = renderHtml(buildReport(sampleResult(), options("en")).model);

  it("is one static file: no script, no event handler attribute, no remote resource", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:|\/\/|javascript:)/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html).toContain("<svg");
  });

  it("shows hostile server text as text, with invisible direction overrides made visible", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("\\u{202E}gnp.exe");
    expect(html).not.toContain("\u202E");
  });

  it("is right-to-left in Arabic with transcript, codes and hosts isolated left-to-right", () => {
    const ar = renderHtml(buildReport(sampleResult(), options("ar")).model);
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toMatch(/<table class="transcript" dir="ltr">/);
    expect(ar).toContain('<bdi dir="ltr" class="mono">rcpt.rejected</bdi>');
    expect(ar).toContain("فشل");
    expect(stripIsolates(ar)).toContain("<bdi dir=\"ltr\" class=\"mono\">mail.corp.example:587</bdi>");
  });
});

describe("Markdown view", () => {
  const md = renderMarkdown(buildReport(sampleResult(), options("en", { checklistState: { "rcpt.rejected": { checked: ["spelling"], notes: "- [x] not a list\n[x](javascript:y)" } } })).model);

  it("uses a fence longer than any backtick run, so a server line cannot close the transcript block", () => {
    expect(md).toContain("\n`````````text\n");
    const fences = md.split("\n").filter((line) => /^`{3,}/.test(line));
    for (const fence of fences) expect(fence.length).toBeGreaterThanOrEqual(3);
    expect(codeBlock(["a ``` b", "````"]).split("\n")[0]).toBe("`````");
  });

  it("escapes Markdown in server text outside code blocks: no link, image or HTML survives", () => {
    const outside = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
    expect(outside).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    expect(outside).not.toMatch(/(?<!\\)<(?:script|img)/);
    expect(outside).toContain("\\[link\\](javascript:x)");
    expect(outside).toContain("\\- \\[x\\] not a list");
    expect(md).toContain("- [x] Check alice@corp.example for typos");
  });

  it("escapes and isolates on its own terms", () => {
    expect(escapeMarkdown("*a* _b_ <c> [d](e) |f| #g &amp;")).toBe("\\*a\\* \\_b\\_ \\<c\\> \\[d\\](e) \\|f\\| \\#g \\&amp;");
    expect(escapeMarkdown("1. x", true)).toBe("1\\. x");
    expect(inlineCode("a `b` c")).toBe("``a `b` c``");
    expect(inlineCode("`x")).toBe("`` `x ``");
  });
});

describe("JSON view and import", () => {
  const report = buildReport(sampleResult(), options("en"));
  const json = renderJson(report);

  it("re-imports to the same events and model", () => {
    const back = parseReportJson(json);
    expect(back.result.events).toEqual(report.result.events);
    expect(back.model).toEqual(report.model);
  });

  it.each([
    ["not JSON", "{", /not valid JSON/],
    ["another schema", JSON.stringify({ schema: "ehlo.check/1" }), /expected schema "ehlo.report\/1", found "ehlo.check\/1"/],
    ["a prototype key", json.replace('"model": {', '"model": {"__proto__": {"polluted": true},'), /forbidden key "__proto__"/],
    ["a wrong field", json.replace('"outcome": "failed"', '"outcome": "great"'), /does not match ehlo.report\/1: .*outcome/],
    ["a huge file", " ".repeat(33 * 1024 * 1024), /too large/],
  ])("refuses %s with a clear message", (_name, text, message) => {
    expect(() => parseReportJson(text)).toThrow(ReportImportError);
    expect(() => parseReportJson(text)).toThrow(message);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

const readJson = <T>(relative: string): T => JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as T;

describe("report labels", () => {
  it("every locale has exactly the English keys", () => {
    const en = Object.keys(readJson<object>("./locales/en/report.json")).sort();
    for (const lang of reportLocales()) expect(Object.keys(readJson<object>(`./locales/${lang}/report.json`)).sort()).toEqual(en);
  });
});
