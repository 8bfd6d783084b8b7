import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_MECHANISMS, CheckRequestSchema, type CheckRequestInput, type CheckSecrets } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent } from "../../shared/contract/events";
import { AUTH_PASSWORD, AUTH_TOKEN, AUTH_USER, startAuthServer, type AuthServer } from "../testing/auth-server";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { secretForms } from "./sasl";
import { runCheck } from "./session";

const secretOf = (mech: string) => (mech === "XOAUTH2" ? AUTH_TOKEN : AUTH_PASSWORD);
const secretsFor = (mech: string, value: string): CheckSecrets => (mech === "XOAUTH2" ? { token: value } : { password: value });

/** Everything a face could ever see of a run: events, findings, TLS details, as one string. */
const everything = (r: CheckResult) => JSON.stringify(r);

function expectNoSecret(text: string, user: string, secret: string): void {
  for (const form of secretForms(user, secret)) expect(text).not.toContain(form);
}

describe("AUTH against a real SMTP server (smtp-server fixture, STARTTLS)", () => {
  let server: AuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ tls: "starttls" });
  });
  afterAll(() => server.close());

  const run = (input: Partial<CheckRequestInput>, secrets: CheckSecrets, onEvent?: (e: CheckEvent) => void) =>
    runCheck(CheckRequestSchema.parse({ host: server.host, port: server.port, tls: "starttls", extraCaPem: server.caPem, helo: "client.ehlo.test", ...input }), { secrets, onEvent });

  for (const mech of AUTH_MECHANISMS) {
    it(`${mech}: right secret → 235, wrong secret → auth.failed; the secret never appears`, async () => {
      const live: CheckEvent[] = [];
      const ok = await run({ auth: { user: AUTH_USER, mechanism: mech } }, secretsFor(mech, secretOf(mech)), (e) => live.push(e));
      expect(ok.outcome).toBe("ok");
      expect(ok.events.some((e) => e.kind === "recv" && e.code === 235)).toBe(true);
      const authLine = ok.events.find((e) => e.kind === "send" && e.command === "AUTH");
      expect(authLine?.kind === "send" && authLine.text).toMatch(new RegExp(`^AUTH ${mech}`));
      expectNoSecret(everything(ok) + JSON.stringify(live), AUTH_USER, secretOf(mech));

      const bad = await run({ auth: { user: AUTH_USER, mechanism: mech } }, secretsFor(mech, "wrong-secret-123"));
      expect(bad.findings.map((f) => f.id)).toContain("auth.failed");
      expect(bad.outcome).toBe("failed");
      expectNoSecret(everything(bad), AUTH_USER, "wrong-secret-123");
    });
  }

  it("chooses a mechanism from what the server advertises when none is forced", async () => {
    const r = await run({ auth: { user: AUTH_USER } }, { password: AUTH_PASSWORD });
    expect(r.outcome).toBe("ok");
    expect(r.events.find((e) => e.kind === "send" && e.command === "AUTH")).toMatchObject({ text: "AUTH PLAIN <redacted>", redacted: true });
  });

  it("refuses to send credentials over an unverified channel unless allowed", async () => {
    const request = { host: server.host, port: server.port, tls: "starttls" as const, helo: "client.ehlo.test", auth: { user: AUTH_USER } };
    const refused = await runCheck(CheckRequestSchema.parse(request), { secrets: { password: AUTH_PASSWORD } });
    expect(refused.findings.map((f) => f.id)).toEqual(expect.arrayContaining(["tls.cert-untrusted", "auth.insecure-refused"]));
    expect(refused.events.some((e) => e.kind === "send" && e.command === "AUTH")).toBe(false);

    const allowed = await runCheck(CheckRequestSchema.parse({ ...request, allowInsecureAuth: true }), { secrets: { password: AUTH_PASSWORD } });
    expect(allowed.events.some((e) => e.kind === "recv" && e.code === 235)).toBe(true);
  });

  it("a plain channel with no STARTTLS never carries a password", async () => {
    const r = await run({ tls: "none", auth: { user: AUTH_USER } }, { password: AUTH_PASSWORD });
    expect(r.findings.map((f) => f.id)).toContain("auth.insecure-refused");
    expect(r.events.filter((e) => e.kind === "send").map((e) => e.kind === "send" && e.command)).toEqual(["EHLO", "QUIT"]);
  });

  it("sends a dot-stuffed test message with Date, Message-ID and an Ehlo subject", async () => {
    const r = await run({ from: "helpdesk@ehlo.test", to: ["alice@ehlo.test"], send: true, auth: { user: AUTH_USER } }, { password: AUTH_PASSWORD });
    expect(r.outcome).toBe("ok");
    const message = server.messages.at(-1)!;
    expect(message.to).toEqual(["alice@ehlo.test"]);
    expect(message.raw).toMatch(/^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/m);
    expect(message.raw).toMatch(/^Message-ID: <ehlo\.[0-9a-f]{16}@client\.ehlo\.test>$/m);
    expect(message.raw).toMatch(/^Subject: Ehlo SMTP test message/m);
    // The server removed our transparency dots (RFC 5321 4.5.2): the lines arrive as written.
    expect(message.raw).toMatch(/^\.A line starting with a dot/m);
    expect(message.raw).toMatch(/^\.\r?$/m);
  });
});

describe("implicit TLS (RFC 8314) with AUTH", () => {
  let server: AuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ tls: "implicit" });
  });
  afterAll(() => server.close());

  it("handshakes first, then greets, then authenticates", async () => {
    const r = await runCheck(CheckRequestSchema.parse({ host: server.host, port: server.port, tls: "implicit", extraCaPem: server.caPem, auth: { user: AUTH_USER } }), { secrets: { password: AUTH_PASSWORD } });
    expect(r.outcome).toBe("ok");
    expect(r.tls?.mode).toBe("implicit");
    const kinds = r.events.map((e) => e.kind);
    expect(kinds.indexOf("tls.established")).toBeLessThan(kinds.indexOf("recv"));
  });
});

describe("greeting behaviours", () => {
  it("a slow greeting: 'waiting' progress events arrive live before the 220", async () => {
    const fixture = await HOSTILE_SERVERS["greeting-late"]!.start();
    try {
      const live: CheckEvent[] = [];
      const r = await runCheck(CheckRequestSchema.parse({ ...fixture.request, progressIntervalMs: 1000 }), { onEvent: (e) => live.push({ ...e }) });
      const firstRecv = live.findIndex((e) => e.kind === "recv");
      const waits = live.slice(0, firstRecv).filter((e) => e.kind === "waiting" && e.phase === "greeting");
      expect(waits.length).toBeGreaterThanOrEqual(3);
      expect(waits.map((w) => (w.kind === "waiting" ? Math.round(w.elapsedMs / 1000) : 0))).toEqual(expect.arrayContaining([1, 2, 3]));
      expect(r.findings.map((f) => f.id)).toContain("greeting.slow");
    } finally {
      await fixture.close();
    }
  });

  it("a multiline greeting is one reply of three lines", async () => {
    const fixture = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse(fixture.request));
      const greeting = r.events.filter((e) => e.kind === "recv" && e.phase === "greeting");
      expect(greeting.map((e) => e.kind === "recv" && e.final)).toEqual([false, false, true]);
      expect(r.outcome).toBe("ok");
    } finally {
      await fixture.close();
    }
  });

  it("a 421 greeting is greeting.rejected, and the engine still says QUIT", async () => {
    const fixture = await HOSTILE_SERVERS["greeting-421"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse(fixture.request));
      expect(r.findings[0]).toMatchObject({ id: "greeting.rejected", params: { code: 421 } });
    } finally {
      await fixture.close();
    }
  });

  it("a server that closes mid-session is server.closed, with the close as evidence", async () => {
    const fixture = await HOSTILE_SERVERS["close-after-ehlo"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse(fixture.request));
      const f = r.findings.find((x) => x.id === "server.closed")!;
      expect(r.events[f.evidence[0]!]).toMatchObject({ kind: "note", code: "closed" });
    } finally {
      await fixture.close();
    }
  });

  it("cancellation with an AbortSignal ends at once, releasing the socket", async () => {
    const fixture = await HOSTILE_SERVERS.silent!.start();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const r = await runCheck(CheckRequestSchema.parse(fixture.request), { signal: controller.signal });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(r.outcome).toBe("cancelled");
      expect(r.events.at(-1)).toMatchObject({ kind: "done", outcome: "cancelled" });
    } finally {
      await fixture.close();
    }
  });
});
