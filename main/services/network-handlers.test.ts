import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerMessageSchema, type ServerMessage } from "../../shared/contract/api";
import { DiscoverResultSchema, SourceReportSchema, type DiscoverResult } from "../../shared/contract/discovery";
import { MATRIX_STAGES, MatrixResultSchema, MatrixRowSchema, type MatrixResult, type MatrixRow } from "../../shared/contract/matrix";
import { createTestCa, issueCert } from "../testing/certs";
import { startDnsServer, type DnsServer } from "../testing/dns-server";
import { startHttpsFixture, type HttpsFixture } from "../testing/https-fixture";
import { startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { startTinySmtp, type TinySmtp } from "../testing/tiny-smtp";
import { createAppInfo } from "./app-info";
import { MAX_RUNNING_MATRICES } from "./network-handlers";
import { createSessionHub } from "./session-hub";
import { until as waitUntil } from "../testing/until";

/**
 * `discover.run` and `matrix.run` through the session hub, as a window or tab calls them. Every
 * name is answered by a DNS fixture given in the params (`dnsServer`), so discovery's DNS, its
 * HTTPS lookups and its probes all end on loopback; nothing real is ever asked.
 */
const appInfo = createAppInfo("browser", "linux");
const day = 24 * 60 * 60 * 1000;
const cert = issueCert(createTestCa(), {
  commonName: "mail.hub.test",
  altNames: ["mail.hub.test", "grid.hub.test"],
  notBefore: new Date(Date.now() - day),
  notAfter: new Date(Date.now() + 30 * day),
});
const tlsConfig = { cert: cert.cert, key: cert.key };
const timeouts = { dnsMs: 2000, connectMs: 2000, greetingMs: 3000, commandMs: 3000 };
const isRoot = process.getuid?.() === 0;
/** A loopback address of its own for the HTTPS fixture on 443 (root only). */
const WEB = "127.0.79.1";
/** The SMTP fixtures' own loopback address: a test Postfix on 127.0.0.1 must not answer the guesses. */
const MAIL = "127.0.79.2";

let dns: DnsServer;
let submission: ScriptedServer;
let plain: ScriptedServer;
let silent: TinySmtp;
let web: HttpsFixture | null = null;
let closedPort = 0;
let closedLocal = 0;

function recordingHub() {
  const sent: ServerMessage[] = [];
  const hub = createSessionHub({ send: (m) => sent.push(ServerMessageSchema.parse(m)), appInfo });
  return { hub, sent };
}

const until = (ready: () => boolean) => waitUntil(ready, 8000);

const progressOf = (sent: ServerMessage[], requestId: string) =>
  sent.flatMap((m) => (m.type === "call.progress" && m.requestId === requestId ? [m.progress] : []));
const resultOf = (sent: ServerMessage[], requestId: string) => sent.find((m) => m.type === "call.result" && m.requestId === requestId);

beforeAll(async () => {
  submission = await startScriptedServer(smtpScript({ starttls: tlsConfig, auth: "PLAIN LOGIN" }), { host: MAIL });
  plain = await startScriptedServer(smtpScript({}), { host: MAIL });
  silent = await startTinySmtp("silent");
  // A port that was free a moment ago: connections to it are refused.
  const probe = await startScriptedServer(smtpScript({}), { host: MAIL });
  closedPort = probe.port;
  await probe.close();
  const local = await startScriptedServer(smtpScript({}));
  closedLocal = local.port;
  await local.close();
  dns = await startDnsServer({
    "hub.test": [{ type: "MX", preference: 10, exchange: "mail.hub.test" }],
    "mail.hub.test": [{ type: "A", address: MAIL }],
    "grid.hub.test": [{ type: "A", address: MAIL }],
    // RFC 6186: SRV may name any port, so the fixture needs no privileged one.
    "_submission._tcp.hub.test": [{ type: "SRV", priority: 0, weight: 1, port: submission.port, target: "mail.hub.test" }],
    "web.test": [{ type: "MX", preference: 10, exchange: "mail.hub.test" }],
    "autoconfig.web.test": [{ type: "A", address: WEB }],
    "slow.test": "silent",
    "_submissions._tcp.slow.test": "silent",
    "_submission._tcp.slow.test": "silent",
    "autoconfig.slow.test": "silent",
    "autodiscover.slow.test": "silent",
  });
  if (isRoot) {
    const outgoing = `<outgoingServer type="smtp"><hostname>mail.hub.test</hostname><port>${submission.port}</port><socketType>STARTTLS</socketType></outgoingServer>`;
    web = await startHttpsFixture(
      { "https://autoconfig.web.test/mail/config-v1.1.xml": { body: `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="web.test">${outgoing}</emailProvider></clientConfig>` } },
      ["autoconfig.web.test", "web.test"],
      { host: WEB, httpsPort: 443, httpPort: 80 },
    );
  }
});

afterAll(async () => {
  await Promise.all([submission?.close(), plain?.close(), silent?.close(), dns?.close(), web?.close()]);
});

describe("discover.run", () => {
  const params = () => ({
    target: "someone@hub.test",
    dnsServer: { address: dns.address, port: dns.port },
    extraCaPem: cert.caPem,
    timeouts: { sourceMs: 3000, dnsMs: 1500, connectMs: 1500, greetingMs: 3000, commandMs: 3000 },
  });

  it("streams each source's report as progress, then the ranked, probed candidates", async () => {
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "call", requestId: "d1", method: "discover.run", params: params() });
    const result = resultOf(sent, "d1");
    expect(result?.type).toBe("call.result");
    if (result?.type !== "call.result") return;
    const discovered: DiscoverResult = DiscoverResultSchema.parse(result.result);
    const reports = progressOf(sent, "d1").map((p) => SourceReportSchema.parse(p));
    // One report per source, each sent before the result and equal to the result's own.
    expect(reports.map((r) => r.source).sort()).toEqual(discovered.sources.map((s) => s.source).sort());
    expect(reports).toHaveLength(6);
    expect(sent.findIndex((m) => m.type === "call.result")).toBe(sent.length - 1);
    const best = discovered.candidates[0];
    expect(best).toMatchObject({ host: "mail.hub.test", port: submission.port, tls: "starttls", source: "srv-submission", verified: true });
    expect(best?.probe?.auth).toEqual(["PLAIN", "LOGIN"]);
    expect(discovered).toMatchObject({ address: "someone@hub.test", domain: "hub.test", cancelled: false });
    // Every name went to the fixture, and every one was under the test domain.
    expect(dns.queries.length).toBeGreaterThan(0);
    expect(dns.queries.every((q) => q.name.endsWith(".test"))).toBe(true);
  });

  it.skipIf(!isRoot)("reads autoconfig over https from the address the DNS fixture gives (port 443, the CA from the params)", async () => {
    const { hub, sent } = recordingHub();
    await hub.handle({ type: "call", requestId: "d2", method: "discover.run", params: { ...params(), target: "someone@web.test", extraCaPem: `${cert.caPem}\n${web?.caPem ?? ""}` } });
    const result = resultOf(sent, "d2");
    if (result?.type !== "call.result") throw new Error(`no result: ${JSON.stringify(sent.at(-1))}`);
    const discovered = DiscoverResultSchema.parse(result.result);
    expect(discovered.sources.find((s) => s.source === "autoconfig")).toMatchObject({ state: "found", candidates: 1 });
    expect(discovered.candidates[0]).toMatchObject({ host: "mail.hub.test", port: submission.port, source: "autoconfig", verified: true, credentialsWithoutConfirmation: true });
    expect(web?.requests.map((r) => r.url)).toContain("https://autoconfig.web.test/mail/config-v1.1.xml");
  });

  it("refuses a target with CR/LF or bad params before asking anything, naming the field", async () => {
    const { hub, sent } = recordingHub();
    const asked = dns.queries.length;
    await hub.handle({ type: "call", requestId: "bad1", method: "discover.run", params: { ...params(), target: "someone@hub.test\r\nRSET" } });
    await hub.handle({ type: "call", requestId: "bad2", method: "discover.run", params: { ...params(), probeConcurrency: 0 } });
    await hub.handle({ type: "call", requestId: "bad3", method: "discover.run", params: { ...params(), target: "not a domain" } });
    expect(sent).toEqual([
      { type: "call.error", requestId: "bad1", field: "target", message: expect.stringMatching(/target|line/i) },
      { type: "call.error", requestId: "bad2", field: "probeConcurrency", message: expect.stringContaining("probeConcurrency") },
      { type: "call.error", requestId: "bad3", field: "target", message: expect.stringMatching(/not a mail domain/) },
    ]);
    expect(dns.queries.length).toBe(asked);
  });

  it("call.cancel stops every source at once: the result says cancelled", async () => {
    const { hub, sent } = recordingHub();
    const started = Date.now();
    const call = hub.handle({ type: "call", requestId: "d3", method: "discover.run", params: { ...params(), target: "slow.test", timeouts: { ...params().timeouts, sourceMs: 60_000, dnsMs: 60_000 } } });
    await until(() => dns.queries.some((q) => q.name === "slow.test"));
    await hub.handle({ type: "call.cancel", requestId: "d3" });
    await call;
    const result = resultOf(sent, "d3");
    if (result?.type !== "call.result") throw new Error("no result");
    expect(DiscoverResultSchema.parse(result.result).cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("matrix.run", () => {
  const options = () => ({ dnsServer: { address: dns.address, port: dns.port }, extraCaPem: cert.caPem, timeouts, concurrency: 2 });

  it("streams every row as progress the moment it ends, within the concurrency asked for", async () => {
    const { hub, sent } = recordingHub();
    const spec = { host: "grid.hub.test", ports: [submission.port, plain.port, closedPort] };
    await hub.handle({ type: "call", requestId: "m1", method: "matrix.run", params: { spec, options: options() } });
    const result = resultOf(sent, "m1");
    if (result?.type !== "call.result") throw new Error(`no result: ${JSON.stringify(sent.at(-1))}`);
    const matrix: MatrixResult = MatrixResultSchema.parse(result.result);
    const rows: MatrixRow[] = progressOf(sent, "m1").map((p) => MatrixRowSchema.parse(p));
    // Three ports, none 465: each in plain text and with STARTTLS (RFC 3207) → six rows.
    expect(matrix.rows).toHaveLength(6);
    expect(rows.map((r) => r.index).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.map((r) => r.target).sort(byPortTls)).toEqual(matrix.rows.map((r) => r.target).sort(byPortTls));
    expect(matrix.peakConcurrency).toBeLessThanOrEqual(2);
    const row = (port: number, tls: string) => matrix.rows.find((r) => r.target.port === port && r.target.tls === tls);
    expect(row(submission.port, "starttls")?.verdict).toBe("pass");
    expect(row(submission.port, "starttls")?.stages.certificate.status).toBe("pass");
    expect(row(plain.port, "starttls")?.stages.tls.status).toBe("fail");
    expect(row(closedPort, "none")?.stages.connect).toMatchObject({ status: "fail", detail: "tcp.refused" });
    for (const r of matrix.rows) expect(Object.keys(r.stages)).toEqual([...MATRIX_STAGES]);
  });

  it("refuses bad params (a port out of range, CR/LF in the host) before any connection", async () => {
    const { hub, sent } = recordingHub();
    const before = plain.connections;
    await hub.handle({ type: "call", requestId: "mb1", method: "matrix.run", params: { spec: { host: "grid.hub.test", ports: [70000] } } });
    await hub.handle({ type: "call", requestId: "mb2", method: "matrix.run", params: { spec: { host: "grid.hub.test\r\nRSET", ports: [plain.port] } } });
    await hub.handle({ type: "call", requestId: "mb3", method: "matrix.run", params: { spec: { host: "grid.hub.test", ports: [plain.port] }, options: { concurrency: 1000 } } });
    expect(sent.map((m) => m.type)).toEqual(["call.error", "call.error", "call.error"]);
    expect(sent[0]).toMatchObject({ requestId: "mb1", field: expect.stringMatching(/^spec/) });
    expect(sent[1]).toMatchObject({ requestId: "mb2", field: "host" });
    expect(sent[2]).toMatchObject({ requestId: "mb3", field: "options.concurrency" });
    expect(plain.connections).toBe(before);
  });

  it("call.cancel ends the rows in flight: the result says cancelled and keeps the rows that ended", async () => {
    const { hub, sent } = recordingHub();
    const accepted = silent.accepted;
    const call = hub.handle({
      type: "call",
      requestId: "m2",
      method: "matrix.run",
      params: { spec: { host: "127.0.0.1", ports: [silent.port, closedLocal] }, options: { ...options(), concurrency: 4, timeouts: { ...timeouts, greetingMs: 60_000 } } },
    });
    // The refused port ends at once; the silent one waits for a greeting that never comes.
    await silent.waitForAccepted(accepted + 2);
    await until(() => progressOf(sent, "m2").length >= 2);
    await hub.handle({ type: "call.cancel", requestId: "m2" });
    await call;
    const result = resultOf(sent, "m2");
    if (result?.type !== "call.result") throw new Error("no result");
    const matrix = MatrixResultSchema.parse(result.result);
    expect(matrix.cancelled).toBe(true);
    expect(matrix.rows.filter((r) => r.target.port === closedLocal)).toHaveLength(2);
    expect(matrix.rows.filter((r) => r.target.port === silent.port).every((r) => r.result.outcome === "cancelled")).toBe(true);
    await until(() => silent.open === 0);
  });

  it(`runs at most ${MAX_RUNNING_MATRICES} matrices at once in a process; closing the peer cancels them all`, async () => {
    const { hub, sent } = recordingHub();
    const accepted = silent.accepted;
    const params = { spec: { host: "127.0.0.1", ports: [silent.port] }, options: { ...options(), concurrency: 1, timeouts: { ...timeouts, greetingMs: 60_000 } } };
    const calls = Array.from({ length: MAX_RUNNING_MATRICES }, (_, i) => hub.handle({ type: "call", requestId: `busy${i}`, method: "matrix.run", params }));
    await silent.waitForAccepted(accepted + MAX_RUNNING_MATRICES);
    await hub.handle({ type: "call", requestId: "one-more", method: "matrix.run", params });
    expect(sent.at(-1)).toEqual({ type: "call.error", requestId: "one-more", field: "", message: expect.stringMatching(/Too many matrices/) });
    hub.closeAll();
    await Promise.all(calls);
    await until(() => silent.open === 0);
    // The slots are free again.
    const again = recordingHub();
    await again.hub.handle({ type: "call", requestId: "after", method: "matrix.run", params: { spec: { host: "127.0.0.1", ports: [closedLocal] }, options: options() } });
    expect(resultOf(again.sent, "after")?.type).toBe("call.result");
  });
});

function byPortTls(a: { port: number; tls: string }, b: { port: number; tls: string }): number {
  return a.port - b.port || a.tls.localeCompare(b.tls);
}
