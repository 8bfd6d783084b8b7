import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatrixResultSchema, type MatrixResult, type MatrixRow } from "../../shared/contract/matrix";
import { createTestCa, issueCert } from "../testing/certs";
import { startDnsServer, type DnsServer } from "../testing/dns-server";
import { startScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { runMatrix } from "./matrix";

const day = 24 * 60 * 60 * 1000;
const cert = issueCert(createTestCa(), { commonName: "mx1.multi.test", altNames: ["mx1.multi.test", "mx2.multi.test", "mx3.multi.test", "grid.test"], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
const tlsConfig = { cert: cert.cert, key: cert.key };
const timeouts = { dnsMs: 2000, connectMs: 2000, greetingMs: 3000, commandMs: 3000 };
const isRoot = process.getuid?.() === 0;
/** ::1 rows only where the machine has IPv6 loopback. */
const v6 = await new Promise<boolean>((resolve) => {
  const probe = net.createServer();
  probe.once("error", () => resolve(false));
  probe.listen(0, "::1", () => probe.close(() => resolve(true)));
});

let dnsServer: DnsServer;
const servers: { close(): Promise<void> }[] = [];
let sharedPort = 0;
let gridPorts = { starttls: 0, plain: 0, closed: 0 };

/** The same port on several loopback addresses (MX rows all use one port), ::1 proxied to 127.0.0.1. */
async function listenEverywhere(): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await startScriptedServer(smtpScript({ starttls: tlsConfig }));
    const started: { close(): Promise<void> }[] = [first];
    try {
      for (const host of ["127.0.0.2", "127.0.0.3", "127.0.0.4"]) started.push(await startScriptedServer(smtpScript({ starttls: tlsConfig }), { host, port: first.port }));
      if (v6) started.push(await proxyV6(first.port));
      servers.push(...started);
      sharedPort = first.port;
      return;
    } catch {
      await Promise.all(started.map((s) => s.close()));
    }
  }
  throw new Error("no port free on all loopback addresses");
}

function proxyV6(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => client.destroy());
      s.on("close", () => sockets.delete(s));
    }
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "::1", () =>
      resolve({
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      }),
    );
  });
}

beforeAll(async () => {
  dnsServer = await startDnsServer({
    "multi.test": [
      { type: "MX", preference: 20, exchange: "mx2.multi.test" },
      { type: "MX", preference: 10, exchange: "mx1.multi.test" },
      { type: "MX", preference: 30, exchange: "mx3.multi.test" },
    ],
    "mx1.multi.test": [{ type: "A", address: "127.0.0.1" }, ...(v6 ? [{ type: "AAAA" as const, address: "::1" }] : [])],
    "mx2.multi.test": [{ type: "A", address: "127.0.0.2" }],
    // Two addresses of one family: each row dials its own address.
    "mx3.multi.test": [
      { type: "A", address: "127.0.0.3" },
      { type: "A", address: "127.0.0.4" },
    ],
    "badname.test": [{ type: "MX", preference: 10, exchange: "mx9.multi.test" }],
    "mx9.multi.test": [
      { type: "A", address: "127.0.0.3" },
      { type: "A", address: "127.0.0.4" },
    ],
    "grid.test": [{ type: "A", address: "127.0.78.1" }],
  });
  await listenEverywhere();
  const starttls = await startScriptedServer(smtpScript({ starttls: tlsConfig, auth: "PLAIN LOGIN" }), { host: "127.0.78.1" });
  const plain = await startScriptedServer(smtpScript({}), { host: "127.0.78.1" });
  servers.push(starttls, plain);
  if (isRoot) servers.push(await startScriptedServer(smtpScript({ implicitTls: tlsConfig, auth: "PLAIN" }), { host: "127.0.78.1", port: 465 }));
  const closed = await startScriptedServer(smtpScript({}), { host: "127.0.78.1" });
  await closed.close();
  gridPorts = { starttls: starttls.port, plain: plain.port, closed: closed.port };
});

afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), dnsServer?.close()]);
});

const dns = () => ({ address: dnsServer.address, port: dnsServer.port });
const statuses = (row: MatrixRow | undefined) => (row ? Object.fromEntries(Object.entries(row.stages).map(([k, v]) => [k, v.status])) : null);

describe("matrix for a domain (--mx)", () => {
  let result: MatrixResult;
  const seen: number[] = [];
  beforeAll(async () => {
    result = await runMatrix({ domain: "multi.test", mx: true, ports: [sharedPort] }, { dnsServer: dns(), timeouts, extraCaPem: cert.caPem, to: "postmaster@multi.test", onCell: (row) => seen.push(row.index) });
  });

  it("has one row per MX host address, IPv4 and IPv6, in MX preference order", () => {
    expect(MatrixResultSchema.parse(result)).toEqual(result);
    expect(result.rows.map((r) => `${r.target.host} ${r.target.address} ${r.target.preference}`)).toEqual([
      "mx1.multi.test 127.0.0.1 10",
      ...(v6 ? ["mx1.multi.test ::1 10"] : []),
      "mx2.multi.test 127.0.0.2 20",
      "mx3.multi.test 127.0.0.3 30",
      "mx3.multi.test 127.0.0.4 30",
    ]);
    expect(result.mx?.map((m) => [m.host, m.addresses])).toEqual([
      ["mx1.multi.test", v6 ? ["127.0.0.1", "::1"] : ["127.0.0.1"]],
      ["mx2.multi.test", ["127.0.0.2"]],
      ["mx3.multi.test", ["127.0.0.3", "127.0.0.4"]],
    ]);
    expect([...seen].sort((a, b) => a - b)).toEqual(result.rows.map((r) => r.index));
  });

  it("connects each row to its own address and passes every stage it runs", () => {
    for (const row of result.rows) {
      expect(row.result.target.address).toBe(row.target.address);
      expect(statuses(row)).toEqual({ dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "pass", certificate: "pass", auth: "skip", rcpt: "pass" });
      expect(row.verdict).toBe("pass");
      expect(row.stages.connect.ms).toBeGreaterThanOrEqual(0);
      expect(row.stages.tls.ms).toBeGreaterThan(0);
    }
    // Every row dials its own address but sends the MX name as SNI and checks the certificate
    // against it (the request's connectAddress), even when one name has several addresses.
    expect(result.rows[0]?.result.tls?.servername).toBe("mx1.multi.test");
    const second = result.rows.find((r) => r.target.address === "127.0.0.4");
    expect(second?.result.tls?.servername).toBe("mx3.multi.test");
    expect(second?.result.target.address).toBe("127.0.0.4");
    expect(second?.stages.dns.detail).toMatch(/127\.0\.0\.4/);
  });

  it("fails the certificate of pinned rows when it does not name the MX host", async () => {
    const bad = await runMatrix({ domain: "badname.test", mx: true, ports: [sharedPort] }, { dnsServer: dns(), timeouts, extraCaPem: cert.caPem });
    expect(bad.rows.map((r) => [r.target.address, r.stages.certificate.status, r.stages.certificate.detail, r.verdict])).toEqual([
      ["127.0.0.3", "fail", "tls.cert-name-mismatch", "fail"],
      ["127.0.0.4", "fail", "tls.cert-name-mismatch", "fail"],
    ]);
  });

  it("a domain that does not exist gives one row whose dns stage fails", async () => {
    const none = await runMatrix({ domain: "nothing-here.test", mx: true }, { dnsServer: dns(), timeouts });
    expect(none.rows).toHaveLength(1);
    expect(none.rows[0]?.stages.dns).toMatchObject({ status: "fail", detail: "dns.not-found" });
    expect(statuses(none.rows[0])).toMatchObject({ connect: "skip", greeting: "skip" });
  });
});

describe("matrix for a host and ports", () => {
  it("gives the port × TLS-mode grid with a verdict per stage", async () => {
    const ports = [gridPorts.starttls, gridPorts.plain, gridPorts.closed, ...(isRoot ? [465] : [])];
    const result = await runMatrix({ host: "grid.test", ports }, { dnsServer: dns(), timeouts, extraCaPem: cert.caPem });
    const grid = result.rows.map((r) => [r.target.port, r.target.tls, r.verdict, statuses(r)]);
    const s = gridPorts;
    expect(grid.slice(0, 6)).toEqual([
      [s.starttls, "none", "warn", { dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "skip", certificate: "skip", auth: "warn", rcpt: "skip" }],
      [s.starttls, "starttls", "pass", { dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "pass", certificate: "pass", auth: "pass", rcpt: "skip" }],
      [s.plain, "none", "warn", { dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "skip", certificate: "skip", auth: "warn", rcpt: "skip" }],
      [s.plain, "starttls", "fail", { dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "fail", certificate: "skip", auth: "warn", rcpt: "skip" }],
      [s.closed, "none", "fail", { dns: "pass", connect: "fail", greeting: "skip", ehlo: "skip", tls: "skip", certificate: "skip", auth: "skip", rcpt: "skip" }],
      [s.closed, "starttls", "fail", { dns: "pass", connect: "fail", greeting: "skip", ehlo: "skip", tls: "skip", certificate: "skip", auth: "skip", rcpt: "skip" }],
    ]);
    expect(result.rows[0]?.stages.auth.detail).toBe("offered in plain text: PLAIN LOGIN");
    expect(result.rows[3]?.stages.tls.detail).toBe("starttls.not-offered");
    expect(result.rows[4]?.stages.connect.detail).toBe("tcp.refused");
    if (isRoot) expect(grid[6]).toEqual([465, "implicit", "pass", { dns: "pass", connect: "pass", greeting: "pass", ehlo: "pass", tls: "pass", certificate: "pass", auth: "pass", rcpt: "skip" }]);
  });

  it("refuses bad input before any connection", async () => {
    await expect(runMatrix({ host: "grid.test", ports: [25] }, { concurrency: 101 })).rejects.toThrow(/concurrency/);
    await expect(runMatrix({ host: "bad host\r\nRSET", ports: [25] })).rejects.toThrow(/carriage return/);
    await expect(runMatrix({ host: "grid.test", ports: [] })).rejects.toThrow(/ports/);
  });
});

describe("IP-literal hosts", () => {
  it("judge the certificate by its IP address entries, not by a name Node falls back to", async () => {
    const host = "127.0.78.2";
    const ca = createTestCa();
    const forIp = issueCert(ca, { commonName: host, altNames: [host], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
    const forOther = issueCert(ca, { commonName: "other.test", altNames: ["other.test"], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
    const good = await startScriptedServer(smtpScript({ starttls: { cert: forIp.cert, key: forIp.key } }), { host });
    const bad = await startScriptedServer(smtpScript({ starttls: { cert: forOther.cert, key: forOther.key } }), { host });
    try {
      const result = await runMatrix({ host, ports: [good.port, bad.port] }, { timeouts, extraCaPem: ca.certPem });
      const cert = (port: number) => result.rows.find((r) => r.target.port === port && r.target.tls === "starttls")?.stages.certificate;
      expect(cert(good.port)).toMatchObject({ status: "pass" });
      expect(cert(bad.port)).toMatchObject({ status: "fail", detail: "tls.cert-name-mismatch" });
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });
});

describe("the pool", () => {
  it("never runs more checks at once than its concurrency", async () => {
    let open = 0;
    let peak = 0;
    const fixtures: net.Server[] = [];
    const ports: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A session counts from accept until QUIT arrives (before the client can finish its check).
      const server = net.createServer((s) => {
        let live = true;
        const end = () => {
          if (live) open--;
          live = false;
        };
        open++;
        peak = Math.max(peak, open);
        s.on("error", end);
        s.on("close", end);
        setTimeout(() => s.writable && s.write("220 count.test ESMTP\r\n"), 80);
        s.on("data", (d: Buffer) => {
          for (const line of d.toString().split("\r\n").filter(Boolean)) {
            if (/^QUIT/i.test(line)) {
              end();
              s.end("221 bye\r\n");
            } else s.write(/^EHLO/i.test(line) ? "250-count.test\r\n250 PIPELINING\r\n" : "250 ok\r\n");
          }
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      fixtures.push(server);
      ports.push((server.address() as net.AddressInfo).port);
    }
    try {
      const result = await runMatrix({ host: "127.0.0.1", ports }, { concurrency: 3, timeouts });
      expect(result.rows).toHaveLength(12);
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBe(3);
      expect(result.peakConcurrency).toBe(3);
      expect(result.rows.every((r) => r.stages.greeting.status === "pass")).toBe(true);
    } finally {
      await Promise.all(fixtures.map((f) => new Promise((r) => f.close(r))));
    }
  });
});
