/**
 * Smoke tests of the hostile fixtures with plain node:net / node:tls clients (not the engine):
 * each server starts on loopback, misbehaves exactly as its description says, and closes.
 */
import net from "node:net";
import type tls from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { FINDING_IDS } from "../../shared/contract/findings";
import { HOSTILE_SERVERS, type HostileFixture } from "./hostile-servers";
import { connectLines, type LineClient } from "./line-client";
import { GREETING } from "./smtp-script";

type Probe = (fx: HostileFixture, c: LineClient) => Promise<void>;

const MB = 1024 * 1024;
const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");

async function expectSilence(c: LineClient, ms = 500): Promise<void> {
  await sleep(ms);
  expect(c.bytes).toBe(0);
}

async function greeted(c: LineClient): Promise<void> {
  expect(await c.readReply()).toEqual([GREETING]);
}

async function ehlo(c: LineClient): Promise<string[]> {
  await greeted(c);
  return c.command("EHLO client.ehlo.test");
}

async function envelopeUntil(c: LineClient, to: string): Promise<string[]> {
  expect((await ehlo(c)).at(-1)).toMatch(/^250 /);
  expect(await c.command("MAIL FROM:<helpdesk@ehlo.test>")).toEqual(["250 2.1.0 Ok"]);
  return c.command(`RCPT TO:<${to}>`);
}

/** STARTTLS on a plain client, then a verifying handshake against the fixture's CA. */
async function upgrade(fx: HostileFixture, c: LineClient, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
  expect((await ehlo(c)).join("\n")).toContain("250-STARTTLS");
  expect(await c.command("STARTTLS")).toEqual(["220 2.0.0 Ready to start TLS"]);
  return c.startTls({ ca: fx.request.extraCaPem ?? "", ...options });
}

async function tlsErrorCode(fx: HostileFixture, c: LineClient): Promise<string | undefined> {
  const err = await upgrade(fx, c).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  return err?.code;
}

const replyTo = (cmd: string, expected: RegExp): Probe => async (_fx, c) => {
  expect((await ehlo(c)).at(-1)).toMatch(/^250 /);
  expect((await c.command(cmd)).join("\n")).toMatch(expected);
};

const rcptProbe = (to: string, expected: RegExp): Probe => async (_fx, c) => {
  expect((await envelopeUntil(c, to)).join("\n")).toMatch(expected);
};

const PROBES: Record<string, Probe> = {
  "silent": async (_fx, c) => {
    await expectSilence(c);
    c.send("EHLO client.ehlo.test");
    await expectSilence(c, 200);
  },
  "close-at-once": async (_fx, c) => {
    expect((await c.closed()).error).toBeUndefined();
    expect(c.bytes).toBe(0);
  },
  "reset-at-once": async (_fx, c) => {
    expect((await c.closed()).error?.code).toBe("ECONNRESET");
  },
  "ssh-banner": async (_fx, c) => {
    expect(await c.readLine()).toMatch(/^SSH-2\.0-OpenSSH_9\.2p1/);
  },
  "http-reply": async (_fx, c) => {
    expect(await c.readLine()).toBe("HTTP/1.1 400 Bad Request");
    await c.closed();
  },
  "imap-banner": async (_fx, c) => {
    expect(await c.readLine()).toMatch(/^\* OK /);
  },
  "pop3-banner": async (_fx, c) => {
    expect(await c.readLine()).toMatch(/^\+OK /);
  },
  "ftp-banner": async (_fx, c) => {
    expect(await c.readLine()).toMatch(/^220 ProFTPD/);
    expect(await c.command("EHLO client.ehlo.test")).toEqual(["500 EHLO not understood"]);
    expect(await c.command("HELO client.ehlo.test")).toEqual(["500 HELO not understood"]);
  },
  "greeting-554": async (_fx, c) => {
    expect(await c.readReply()).toEqual([expect.stringMatching(/^554 5\.7\.1 /)]);
    expect((await c.command("EHLO client.ehlo.test"))[0]).toMatch(/^503 /);
    expect((await c.command("QUIT"))[0]).toMatch(/^221 /);
    await c.closed();
  },
  "greeting-421": async (_fx, c) => {
    expect((await c.readReply())[0]).toMatch(/^421 /);
    await c.closed();
  },
  "greeting-late": async (_fx, c) => {
    const started = Date.now();
    expect(await c.readLine(8000)).toBe(GREETING);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
  },
  "multiline-greeting": async (fx, c) => {
    expect(await c.readReply()).toHaveLength(3);
    expect((await c.command("EHLO client.ehlo.test")).join("\n")).toContain("250-STARTTLS");
    expect(await c.command("STARTTLS")).toEqual(["220 2.0.0 Ready to start TLS"]);
    const secure = await c.startTls({ ca: fx.request.extraCaPem ?? "" });
    expect(secure.authorized).toBe(true);
    expect((await c.command("EHLO client.ehlo.test")).join("\n")).not.toContain("STARTTLS");
    expect(await c.command("MAIL FROM:<helpdesk@ehlo.test>")).toEqual(["250 2.1.0 Ok"]);
    expect(await c.command("RCPT TO:<postmaster@ehlo.test>")).toEqual(["250 2.1.5 Ok"]);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    c.send("Subject: smoke");
    c.send("");
    c.send("..stuffed");
    expect((await c.command("."))[0]).toMatch(/^250 /);
    expect((await c.command("QUIT"))[0]).toMatch(/^221 /);
    expect(fx.messages).toEqual(["Subject: smoke\r\n\r\n..stuffed"]);
  },
  "endless-line": async (_fx, c) => {
    await c.waitForBytes(MB + 1, 10_000);
    expect(c.text.startsWith("220 AAAA")).toBe(true);
    expect(c.text).not.toContain("\n");
  },
  "implicit-tls-only": async (fx, c) => {
    await expectSilence(c);
    const secure = await connectLines(fx.port, { tls: { ca: fx.request.extraCaPem ?? "", host: "127.0.0.1" } });
    try {
      await greeted(secure);
    } finally {
      secure.destroy();
    }
  },
  "binary-garbage": async (_fx, c) => {
    await greeted(c);
    c.send("EHLO client.ehlo.test");
    const line = await c.readRawLine();
    expect(line.length).toBe(2050);
    expect(line).toContain("\u0000");
    expect(line).not.toMatch(/^\d{3}[ -]/);
  },
  "endless-ehlo": async (_fx, c) => {
    await greeted(c);
    c.send("EHLO client.ehlo.test");
    await c.waitForBytes(MB, 10_000);
    const lines = c.text.split("\r\n").slice(1, 1000);
    expect(lines.every((l) => l.startsWith("250-"))).toBe(true);
  },
  "ehlo-refused-helo-ok": async (_fx, c) => {
    await greeted(c);
    expect((await c.command("EHLO client.ehlo.test"))[0]).toMatch(/^502 /);
    expect(await c.command("HELO client.ehlo.test")).toEqual(["250 mx.ehlo.test"]);
  },
  "ehlo-helo-refused": async (_fx, c) => {
    await greeted(c);
    expect((await c.command("EHLO client.ehlo.test"))[0]).toMatch(/^550 /);
    expect((await c.command("HELO client.ehlo.test"))[0]).toMatch(/^550 /);
  },
  "reply-code-999": async (_fx, c) => {
    expect(await ehlo(c)).toEqual(["999 what"]);
  },
  "reply-not-a-code": async (_fx, c) => {
    expect(await ehlo(c)).toEqual(["abc"]);
  },
  "mixed-multiline-codes": async (_fx, c) => {
    expect(await ehlo(c)).toEqual(["250-a", "220 b"]);
  },
  "close-after-ehlo": async (_fx, c) => {
    await greeted(c);
    c.send("EHLO client.ehlo.test");
    expect((await c.closed()).error).toBeUndefined();
    expect(c.text).toBe(`${GREETING}\r\n`);
  },
  "bare-lf": async (_fx, c) => {
    expect(await c.readRawLine()).toBe(`${GREETING}\n`);
    c.send("EHLO client.ehlo.test");
    const first = await c.readRawLine();
    expect(first).toMatch(/^250-[^\r]*\n$/);
    expect(c.text).not.toContain("\r");
  },
  "mail-553": replyTo("MAIL FROM:<helpdesk@ehlo.test>", /^553 5\.7\.1 /),
  "rcpt-251": rcptProbe("postmaster@ehlo.test", /^251 /),
  "rcpt-252": rcptProbe("postmaster@ehlo.test", /^252 /),
  "rcpt-450": rcptProbe("postmaster@ehlo.test", /^450 4\.2\.0 /),
  "rcpt-550": rcptProbe("nobody@ehlo.test", /^550 5\.1\.1 /),
  "rcpt-relay-denied": rcptProbe("someone@elsewhere.example", /^554 5\.7\.1 .*Relay access denied/),
  "data-554": async (fx, c) => {
    expect((await envelopeUntil(c, "postmaster@ehlo.test"))[0]).toMatch(/^250 /);
    expect((await c.command("DATA"))[0]).toMatch(/^354 /);
    c.send("Subject: smoke");
    c.send("");
    expect((await c.command("."))[0]).toMatch(/^554 5\.7\.1 /);
    expect(fx.messages).toEqual(["Subject: smoke\r\n"]);
  },
  "auth-535": async (_fx, c) => {
    expect((await ehlo(c)).join("\n")).toContain("250-AUTH PLAIN LOGIN CRAM-MD5");
    expect((await c.command(`AUTH PLAIN ${b64("\0helpdesk\0wrong")}`))[0]).toMatch(/^535 /);
    expect(await c.command("AUTH LOGIN")).toEqual(["334 VXNlcm5hbWU6"]);
    expect(await c.command(b64("helpdesk"))).toEqual(["334 UGFzc3dvcmQ6"]);
    expect((await c.command(b64("wrong")))[0]).toMatch(/^535 5\.7\.8 /);
  },
  "auth-538": async (_fx, c) => {
    const caps = (await ehlo(c)).join("\n");
    expect(caps).toContain("AUTH PLAIN LOGIN");
    expect(caps).not.toContain("STARTTLS");
    expect((await c.command(`AUTH PLAIN ${b64("\0helpdesk\0x")}`))[0]).toMatch(/^538 5\.7\.11 /);
  },
  "starttls-not-offered": async (_fx, c) => {
    expect((await ehlo(c)).join("\n")).not.toContain("STARTTLS");
    expect((await c.command("STARTTLS"))[0]).toMatch(/^502 /);
  },
  "starttls-refused": async (_fx, c) => {
    expect((await ehlo(c)).join("\n")).toContain("250-STARTTLS");
    expect((await c.command("STARTTLS"))[0]).toMatch(/^454 4\.7\.0 /);
  },
  "starttls-garbage": async (fx, c) => {
    expect(await tlsErrorCode(fx, c)).toMatch(/^ERR_SSL_/);
  },
  "cert-expired": async (fx, c) => expect(await tlsErrorCode(fx, c)).toBe("CERT_HAS_EXPIRED"),
  "cert-not-yet-valid": async (fx, c) => expect(await tlsErrorCode(fx, c)).toBe("CERT_NOT_YET_VALID"),
  "cert-self-signed": async (fx, c) => expect(await tlsErrorCode(fx, c)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT"),
  "cert-untrusted-ca": async (fx, c) => expect(await tlsErrorCode(fx, c)).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE"),
  "cert-wrong-name": async (fx, c) => expect(await tlsErrorCode(fx, c)).toBe("ERR_TLS_CERT_ALTNAME_INVALID"),
  "cert-expiring": async (fx, c) => {
    const secure = await upgrade(fx, c);
    expect(secure.authorized).toBe(true);
    const daysLeft = (Date.parse(secure.getPeerCertificate().valid_to) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(3);
    expect(daysLeft).toBeLessThan(6);
  },
  "tls-outdated": async (fx, c) => {
    // A default client refuses TLS < 1.2: the handshake ends in a protocol-version alert.
    expect(await tlsErrorCode(fx, c)).toBe("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION");
    // A client that lowers its own floor does get TLS 1.1, proving the server really speaks it.
    const legacy = await connectLines(fx.port);
    try {
      const secure = await upgrade(fx, legacy, { minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" });
      expect(secure.getProtocol()).toBe("TLSv1.1");
      expect(secure.authorized).toBe(true);
    } finally {
      legacy.destroy();
    }
  },
};

const started: HostileFixture[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fx) => fx.close()));
});

describe("hostile server catalogue", () => {
  it("has at least 32 servers, each with a known finding and a smoke probe", () => {
    const names = Object.keys(HOSTILE_SERVERS);
    expect(names.length).toBeGreaterThanOrEqual(32);
    for (const [name, spec] of Object.entries(HOSTILE_SERVERS)) {
      expect(FINDING_IDS, name).toContain(spec.expectedFinding);
      expect(spec.description.length, name).toBeGreaterThan(10);
    }
    expect(Object.keys(PROBES).sort()).toEqual([...names].sort());
  });

  for (const [name, spec] of Object.entries(HOSTILE_SERVERS)) {
    it(`${name} → ${spec.expectedFinding}`, async () => {
      const fx = await spec.start();
      started.push(fx);
      expect(fx.host).toBe("127.0.0.1");
      expect(fx.request).toMatchObject({ host: "127.0.0.1", port: fx.port, ...spec.clientOptions });
      const client = await connectLines(fx.port);
      try {
        await (PROBES[name] as Probe)(fx, client);
      } finally {
        client.destroy();
      }
      expect(fx.connections).toBeGreaterThanOrEqual(1);
      await fx.close();
      await expect(connectLines(fx.port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    });
  }
});

describe("scripted server", () => {
  it("serves several sequential connections and records what it received", async () => {
    const fx = await (HOSTILE_SERVERS["rcpt-252"] as (typeof HOSTILE_SERVERS)[string]).start();
    started.push(fx);
    for (let i = 0; i < 3; i += 1) {
      const c = await connectLines(fx.port);
      expect((await ehlo(c)).at(-1)).toBe("250 SMTPUTF8");
      expect(await c.command("QUIT")).toEqual(["221 2.0.0 Bye"]);
      await c.closed();
    }
    expect(fx.connections).toBe(3);
    expect(fx.received.filter((l) => l === "QUIT")).toHaveLength(3);
  });

  it("destroys open connections on close", async () => {
    const fx = await (HOSTILE_SERVERS["silent"] as (typeof HOSTILE_SERVERS)[string]).start();
    const c = await connectLines(fx.port);
    await fx.close();
    await c.closed();
    expect(net.isIP(fx.host)).toBe(4);
  });
});
