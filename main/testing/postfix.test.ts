import { X509Certificate } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { TLSSocket } from "node:tls";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POSTFIX, postfixAvailable, postfixCaPem, postfixSuite } from "./postfix";

const postfix = await postfixSuite();

/** A loopback server that plays a scripted greeting, to exercise the probe's refusals. */
async function fakeServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.resume(); // read (and drop) what the probe sends, so its QUIT and close get through
    onConnection(socket);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, port: (server.address() as AddressInfo).port };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

describe("postfixAvailable against other servers", () => {
  it("reports a closed port as unavailable", async () => {
    const { server, port } = await fakeServer(() => undefined);
    await new Promise((done) => server.close(done));
    const status = await postfixAvailable({ port });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.reason).toMatch(/cannot connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it("does not mistake another SMTP server for the test Postfix", async () => {
    const fake = await fakeServer((socket) => socket.write("220 other.example ESMTP Exim\r\n"));
    servers.push(fake.server);
    const status = await postfixAvailable({ port: fake.port });
    expect(status).toEqual({
      ok: false,
      reason: expect.stringContaining('is not the test Postfix (greeting "220 other.example ESMTP Exim")'),
    });
  });

  it("refuses a greeting that is not 220", async () => {
    const fake = await fakeServer((socket) => socket.end("554 5.3.2 Postfix says go away\r\n"));
    servers.push(fake.server);
    const status = await postfixAvailable({ port: fake.port });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.reason).toContain("instead of 220");
  });

  it("gives up on a silent server after the timeout", async () => {
    const fake = await fakeServer(() => undefined);
    servers.push(fake.server);
    const started = Date.now();
    const status = await postfixAvailable({ port: fake.port, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.reason).toContain("within 300 ms");
  });

  it("reads a multi-line greeting to its last line (RFC 5321 section 4.2)", async () => {
    const fake = await fakeServer((socket) => {
      socket.write("220-mx.ehlo.test ESMTP Postfix\r\n");
      setTimeout(() => socket.write("220 ready\r\n"), 50);
    });
    servers.push(fake.server);
    expect(await postfixAvailable({ port: fake.port })).toEqual({ ok: true });
  });

  it("postfixSuite skips with a printed reason outside CI", async () => {
    const { server, port } = await fakeServer(() => undefined);
    await new Promise((done) => server.close(done));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.stubEnv("CI", "");
    try {
      const result = await postfixSuite({ port });
      expect(result.skip).toBe(true);
      expect(result.reason).toContain("ECONNREFUSED");
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(result.reason));
    } finally {
      vi.unstubAllEnvs();
      warn.mockRestore();
    }
  });
});

describe.skipIf(postfix.skip)("the test Postfix on loopback", () => {
  it("greets on port 25 as Postfix", async () => {
    expect(await postfixAvailable()).toEqual({ ok: true });
    expect(postfix).toEqual({ skip: false, reason: "" });
  });

  it("has a parseable test CA", () => {
    const ca = new X509Certificate(postfixCaPem());
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain("CN=Ehlo Test CA");
    expect(ca.checkIssued(ca)).toBe(true);
    expect(new Date(ca.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  it("serves on 465 (implicit TLS) a certificate for mx.ehlo.test that chains to the test CA", async () => {
    const caPem = postfixCaPem();
    const socket = tlsConnect({
      host: POSTFIX.host,
      port: POSTFIX.ports.smtps,
      servername: POSTFIX.serverName,
      ca: caPem,
    });
    try {
      await once(socket, "secureConnect");
      expect(socket.authorized).toBe(true);

      const leaf = socket.getPeerX509Certificate();
      expect(leaf).toBeDefined();
      const ca = new X509Certificate(caPem);
      expect(leaf?.subject).toContain(`CN=${POSTFIX.serverName}`);
      expect(leaf?.checkIssued(ca)).toBe(true);
      expect(leaf?.verify(ca.publicKey)).toBe(true);
      expect(leaf?.checkHost(POSTFIX.serverName)).toBe(POSTFIX.serverName);
      expect(leaf?.checkIP(POSTFIX.host)).toBe(POSTFIX.host);

      // The SMTP greeting comes only after the handshake on a wrapper-mode port (RFC 8314 3.3).
      expect(await readReply(socket)).toMatch(/^220 mx\.ehlo\.test ESMTP Postfix/);
      socket.write("QUIT\r\n");
    } finally {
      socket.destroy();
    }
  });

  it("is not trusted without the test CA", async () => {
    const socket = tlsConnect({ host: POSTFIX.host, port: POSTFIX.ports.smtps, servername: POSTFIX.serverName });
    try {
      const [error] = (await once(socket, "error").catch((e: unknown) => [e])) as [NodeJS.ErrnoException];
      expect(error.code).toMatch(/^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/);
    } finally {
      socket.destroy();
    }
  });
});

/** Reads one complete (possibly multi-line) SMTP reply and returns its last line. */
async function readReply(socket: TLSSocket): Promise<string> {
  let buffer = "";
  for await (const chunk of socket) {
    buffer += String(chunk);
    const last = buffer.split("\r\n").find((line) => /^\d{3} /.test(line));
    if (last !== undefined) return last;
  }
  throw new Error(`connection closed before a complete reply: ${JSON.stringify(buffer)}`);
}
