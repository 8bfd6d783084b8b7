import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerMessageSchema, type ServerMessage } from "../../shared/contract/api";
import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import { METHODS, type MethodName, type MethodParams, type MethodResult } from "../../shared/contract/methods";
import { parseReportJson } from "../../shared/report/report-import";
import { AUTH_PASSWORD, AUTH_USER, startAuthServer, type AuthServer } from "../testing/auth-server";
import { POSTFIX, postfixCaPem, postfixSuite } from "../testing/postfix";
import { startTinySmtp, type TinySmtp } from "../testing/tiny-smtp";
import { createAppInfo } from "./app-info";
import { createAppServices, type AppServices } from "./app-services";
import { secretForms } from "../engine/sasl";
import { openHistoryStore, type HistoryStore } from "./history-store";
import { createSessionHub } from "./session-hub";
import { finishedResult } from "../testing/replay-check";

/**
 * The history and report methods through the session hub, the way both faces reach them: real
 * checks against loopback servers (tiny fixture, smtp-server with AUTH, the test Postfix), a
 * real history store in a temporary folder, real PDF printing with Chromium.
 */

const postfix = await postfixSuite();
const appInfo = createAppInfo("browser", "linux");
const quick = { connectMs: 2000, greetingMs: 5000, commandMs: 5000 };

function tempDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "ehlo-methods-")), "history");
}

type Call = <M extends MethodName>(method: M, params: MethodParams<M>) => Promise<{ ok: true; result: MethodResult<M> } | { ok: false; field: string; message: string }>;

function setup(services: AppServices = createAppServices({ history: openHistoryStore({ dir: tempDir() }), onError: () => undefined })) {
  const sent: ServerMessage[] = [];
  const hub = createSessionHub({ send: (m) => sent.push(ServerMessageSchema.parse(m)), appInfo, services });
  let seq = 0;
  const call: Call = async (method, params) => {
    const requestId = `r${++seq}`;
    await hub.handle({ type: "call", requestId, method, params });
    const reply = sent.find((m) => (m.type === "call.result" || m.type === "call.error") && m.requestId === requestId);
    if (reply?.type === "call.result") return { ok: true, result: METHODS[method].result.parse(reply.result) as never };
    if (reply?.type === "call.error") return { ok: false, field: reply.field, message: reply.message };
    throw new Error(`no answer to ${method}`);
  };
  const ok = async <M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> => {
    const reply = await call(method, params);
    if (!reply.ok) throw new Error(`${method} refused: ${reply.field} ${reply.message}`);
    return reply.result;
  };
  const check = async (request: CheckRequestInput, secrets: { password?: string } = {}): Promise<{ result: CheckResult; historyId: string }> => {
    const id = `c${++seq}`;
    await hub.handle({ type: "check.start", id, request, secrets });
    const { result, historyId } = finishedResult(sent, id);
    if (historyId === null) throw new Error("no check.done with a history id");
    return { result, historyId };
  };
  return { hub, sent, call, ok, check, services };
}

let polite: TinySmtp;
let auth: AuthServer;
beforeAll(async () => {
  polite = await startTinySmtp("polite");
  auth = await startAuthServer({ tls: "starttls" });
});
afterAll(async () => {
  await polite.close();
  await auth.close();
});

describe("every finished check is saved to the history", () => {
  it("check.done names the saved run; list, get and delete find it with the same transcript and request", async () => {
    const { ok, call, check, services } = setup();
    const request = { host: "127.0.0.1", port: polite.port, tls: "none" as const, helo: "pc1.ehlo.test", timeouts: quick };
    const { result, historyId } = await check(request);
    const { runs } = await ok("history.list", {});
    expect(runs.map((r) => r.id)).toEqual([historyId]);
    expect(runs[0]).toMatchObject({ host: "127.0.0.1", port: polite.port, outcome: result.outcome, source: "check" });

    const entry = await ok("history.get", { id: historyId });
    expect(entry.result.events).toEqual(result.events);
    expect(entry.request).toMatchObject({ host: "127.0.0.1", port: polite.port, tls: "none", helo: "pc1.ehlo.test" });
    expect(readdirSync(services.history.dir)).toEqual([`${historyId}.json`]);

    expect(await ok("history.delete", { id: historyId })).toEqual({ deleted: historyId });
    expect((await ok("history.list", {})).runs).toEqual([]);
    expect(await call("history.delete", { id: historyId })).toMatchObject({ ok: false, field: "id", message: expect.stringMatching(/No run/) });
  });

  it("a password used for AUTH is in neither the saved result nor the saved request", async () => {
    const { check, services } = setup();
    const { historyId, result } = await check(
      { host: auth.host, port: auth.port, tls: "starttls", extraCaPem: auth.caPem, auth: { user: AUTH_USER, mechanism: "PLAIN" }, timeouts: quick },
      { password: AUTH_PASSWORD },
    );
    expect(result.outcome).toBe("ok");
    await services.recorder.settled();
    const file = readFileSync(path.join(services.history.dir, `${historyId}.json`), "utf8");
    for (const form of secretForms(AUTH_USER, AUTH_PASSWORD)) expect(file).not.toContain(form);
    expect(file).toContain(`"user":"${AUTH_USER}"`);
  });

  it("a slow disk never holds back check.done; history methods wait for the write", async () => {
    const real = openHistoryStore({ dir: tempDir() });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // The real store behind a gate: its save starts only when the test says the disk is ready.
    const slow: HistoryStore = { ...real, dir: real.dir, save: async (result, meta) => gate.then(() => real.save(result, meta)) };
    const { hub, sent, check } = setup(createAppServices({ history: slow, onError: () => undefined }));
    const { historyId } = await check({ host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick });
    // check.done is here, yet nothing is on the disk: the folder does not even exist yet.
    expect(existsSync(real.dir)).toBe(false);
    const listing = hub.handle({ type: "call", requestId: "slow-list", method: "history.list", params: {} });
    await new Promise((r) => setTimeout(r, 50));
    expect(sent.some((m) => m.type === "call.result" && m.requestId === "slow-list")).toBe(false);
    open();
    await listing;
    const reply = sent.find((m) => m.type === "call.result" && m.requestId === "slow-list");
    expect(reply?.type === "call.result" && METHODS["history.list"].result.parse(reply.result).runs.map((r) => r.id)).toEqual([historyId]);
  });

  it("a save that fails is reported on get, and the check itself still ends normally", async () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), "ehlo-methods-")), "not-a-folder");
    writeFileSync(blocker, "a file where the history folder should be");
    const errors: string[] = [];
    const { call, check } = setup(createAppServices({ history: openHistoryStore({ dir: path.join(blocker, "history") }), onError: (m) => errors.push(m) }));
    const { historyId, result } = await check({ host: "127.0.0.1", port: polite.port, tls: "none", timeouts: quick });
    expect(result.outcome).not.toBe("failed");
    const reply = await call("history.get", { id: historyId });
    expect(reply).toMatchObject({ ok: false, field: "id", message: expect.stringMatching(/not saved to the history/) });
    expect(errors).toEqual([expect.stringContaining(historyId)]);
  });
});

describe("params are checked before anything is read or written", () => {
  it.each([
    ["history.get", { id: "../../etc/passwd" }, "id"],
    ["history.delete", { id: "20261129T061600418Z-0123456789ab/../x" }, "id"],
    ["history.compare", { before: "x", after: "20261129T061600418Z-0123456789ab" }, "before"],
    ["history.list", { from: "yesterday" }, "from"],
    ["history.list", { outcome: "great" }, "outcome"],
    ["history.list", { host: "a", extra: 1 }, ""],
    ["report.export", { source: { kind: "history", id: "nope" }, format: "html", lang: "en" }, "source.id"],
    ["report.export", { source: { kind: "history", id: "20261129T061600418Z-0123456789ab" }, format: "docx", lang: "en" }, "format"],
    ["report.export", { source: { kind: "history", id: "20261129T061600418Z-0123456789ab" }, format: "html", lang: "../en" }, "lang"],
  ] as const)("%s %j → call.error naming %s", async (method, params, field) => {
    const { call, services } = setup();
    const reply = await call(method, params as never);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.field).toBe(field);
    expect(readdirSync(path.dirname(services.history.dir))).toEqual([]);
  });

  it("an id that is well formed but unknown is a clear not-found", async () => {
    const { call } = setup();
    expect(await call("history.get", { id: "20261129T061600418Z-0123456789ab" })).toMatchObject({ ok: false, field: "id", message: expect.stringMatching(/No run 20261129T061600418Z-0123456789ab/) });
  });
});

describe("import", () => {
  it("refuses hostile and malformed files with a clear message and writes nothing", async () => {
    const { call, services } = setup();
    const cases: [string, RegExp][] = [
      ["{", /not valid JSON/],
      ["[1,2]", /Not an Ehlo report/],
      [JSON.stringify({ schema: "ehlo.report/1", model: {}, result: {} }), /does not match ehlo\.report\/1/],
      ['{"schema":"ehlo.report/1","__proto__":{"polluted":true}}', /forbidden key "__proto__"/],
    ];
    for (const [json, message] of cases) {
      expect(await call("history.import", { json })).toMatchObject({ ok: false, field: "json", message: expect.stringMatching(message) });
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(await call("history.import", { json: "" })).toMatchObject({ ok: false, field: "json" });
    expect(readdirSync(path.dirname(services.history.dir))).toEqual([]);
  });
});

describe.skipIf(postfix.skip)("against the test Postfix: compare, import and export", () => {
  const base = { host: POSTFIX.host, port: POSTFIX.ports.smtp, tls: "starttls" as const, from: "bob@ehlo.test", helo: "pc7.ehlo.test" };
  let env: ReturnType<typeof setup>;
  let good: { result: CheckResult; historyId: string };
  let bad: { result: CheckResult; historyId: string };
  beforeAll(async () => {
    env = setup();
    good = await env.check({ ...base, extraCaPem: postfixCaPem(), to: [POSTFIX.validRecipient] });
    bad = await env.check({ ...base, extraCaPem: postfixCaPem(), to: [POSTFIX.unknownRecipient] });
    expect([good.result.outcome, bad.result.outcome]).toEqual(["ok", "failed"]);
  });

  it("filters the list by host, outcome and date", async () => {
    const ids = async (params: MethodParams<"history.list">) => (await env.ok("history.list", params)).runs.map((r) => r.id);
    expect(await ids({})).toEqual([bad.historyId, good.historyId]);
    expect(await ids({ outcome: "failed" })).toEqual([bad.historyId]);
    expect(await ids({ host: "127.0.0" })).toHaveLength(2);
    expect(await ids({ host: "mail.example.org" })).toEqual([]);
    expect(await ids({ from: bad.result.startedAt })).toEqual([bad.historyId]);
    expect(await ids({ to: "2000-01-01" })).toEqual([]);
  });

  it("compares two runs: findings added and gone, the RCPT reply that changed, timing per phase", async () => {
    const diff = await env.ok("history.compare", { before: good.historyId, after: bad.historyId });
    expect(diff.outcome).toEqual({ before: "ok", after: "failed" });
    expect(diff.findings.added.map((f) => f.id)).toContain("rcpt.rejected");
    expect(diff.findings.gone.map((f) => f.id)).toContain("session.ok");
    const rcpt = diff.replies.find((r) => r.command === "RCPT");
    expect(rcpt).toMatchObject({ codeChanged: true, before: expect.stringMatching(/^250 /), after: expect.stringMatching(/^550 /) });
    expect(diff.timing.map((t) => t.phase)).toEqual(expect.arrayContaining(["connect", "greeting", "ehlo", "tls", "rcpt"]));
    expect([diff.before.id, diff.after.id]).toEqual([good.historyId, bad.historyId]);
  });

  it("exports HTML with the verdict, Markdown, JSON with checklist and notes, .ehlo, and an anonymised copy", async () => {
    const decode = (r: { base64: string }) => Buffer.from(r.base64, "base64").toString("utf8");
    const source = { kind: "history" as const, id: bad.historyId };
    const html = await env.ok("report.export", { source, format: "html", lang: "en" });
    expect(html).toMatchObject({ mime: "text/html;charset=utf-8", fileName: expect.stringMatching(/^ehlo-127\.0\.0\.1-25-\d{8}-\d{4}\.html$/) });
    expect(decode(html)).toMatch(/<html[^>]*lang="en"/);
    // The verdict section, verdict first: outcome and the headline finding.
    expect(decode(html)).toMatch(/<section class="verdict outcome-failed"[\s\S]*Failed[\s\S]*<section/);

    const md = await env.ok("report.export", { source, format: "md", lang: "ar" });
    expect(md.fileName).toMatch(/\.md$/);
    expect(decode(md)).toContain("550");

    const steps = parseReportJson(decode(await env.ok("report.export", { source, format: "json", lang: "en" }))).model.findings.find((f) => f.id === "rcpt.rejected")?.checklist ?? [];
    const firstStep = steps[0]?.id ?? "";
    const checklistState = { "rcpt.rejected": { checked: [firstStep], notes: "Asked the postmaster, ticket 4711." } };
    const json = await env.ok("report.export", { source, format: "json", lang: "en", checklistState });
    const report = parseReportJson(decode(json));
    const rejected = report.model.findings.find((f) => f.id === "rcpt.rejected");
    expect(rejected?.notes).toBe("Asked the postmaster, ticket 4711.");
    expect(rejected?.checklist.find((s) => s.id === firstStep)?.checked).toBe(true);
    expect(report.result.events).toEqual(bad.result.events);

    const ehlo = await env.ok("report.export", { source, format: "ehlo", lang: "en" });
    expect(ehlo).toMatchObject({ mime: "application/vnd.ehlo.report+json", fileName: expect.stringMatching(/\.ehlo$/) });
    expect(parseReportJson(decode(ehlo)).schema).toBe("ehlo.report/1");

    const plain = decode(await env.ok("report.export", { source, format: "html", lang: "en" }));
    const hidden = decode(await env.ok("report.export", { source, format: "html", lang: "en", anonymise: true }));
    expect(plain).toContain(POSTFIX.unknownRecipient);
    expect(hidden).not.toContain(POSTFIX.unknownRecipient);
    expect(hidden).not.toContain("pc7.ehlo.test");
  });

  it("exports a PDF through the injected printer (headless Chromium by default)", async () => {
    const pdf = await env.ok("report.export", { source: { kind: "history", id: good.historyId }, format: "pdf", lang: "ar", paperLocale: "en-US" });
    expect(pdf.mime).toBe("application/pdf");
    expect(Buffer.from(pdf.base64, "base64").subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("exports a run the page holds (a report opened from a file) without touching the history", async () => {
    const out = await env.ok("report.export", { source: { kind: "result", result: good.result }, format: "md", lang: "en" });
    expect(Buffer.from(out.base64, "base64").toString("utf8")).toContain("250");
  });

  it("imports an exported JSON report as a new run, shown as it was", async () => {
    const exported = await env.ok("report.export", { source: { kind: "history", id: bad.historyId }, format: "json", lang: "en" });
    const imported = await env.ok("history.import", { json: Buffer.from(exported.base64, "base64").toString("utf8") });
    expect(imported.header).toMatchObject({ source: "import", host: POSTFIX.host, outcome: "failed" });
    expect(imported.request).toBeNull();
    expect(imported.result.events).toEqual(bad.result.events);
    expect((await env.ok("history.list", {})).runs.map((r) => r.id)).toContain(imported.header.id);
  });
});
