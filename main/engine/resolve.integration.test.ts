import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckRequestSchema, type CheckRequestInput } from "../../shared/contract/check-request";
import type { CheckResult } from "../../shared/contract/check-result";
import type { CheckEvent, EventOf } from "../../shared/contract/events";
import { runCli } from "../cli/program";
import { captureIo } from "../testing/capture-io";
import { startDnsServer, TEST_ZONE, type DnsServer } from "../testing/dns-server";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { runCheck } from "./session";

/**
 * The resolve step against real DNS packets: every lookup goes to the loopback DNS fixture
 * (`dnsServer` is always set), and the names it serves point back at SMTP peers on loopback.
 */

interface SmtpPeer {
  port: number;
  /** The local address of every accepted connection: which loopback address the engine dialled. */
  accepted: string[];
  close(): Promise<void>;
}

/** A minimal, well-behaved plain SMTP server (RFC 5321 4.3.2 happy path). */
function startSmtpPeer(host: string): Promise<SmtpPeer> {
  const accepted: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    accepted.push(socket.localAddress ?? "?");
    socket.write("220 mx.ehlo.test ESMTP dns test peer\r\n");
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let eol: number;
      while ((eol = buffer.indexOf("\r\n")) >= 0) {
        const verb = buffer.slice(0, eol).split(" ")[0]?.toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (verb === "EHLO") socket.write("250-mx.ehlo.test\r\n250 8BITMIME\r\n");
        else if (verb === "QUIT") socket.end("221 2.0.0 bye\r\n");
        else socket.write("502 5.5.1 not here\r\n");
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        accepted,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

let dns: DnsServer;
let peer: SmtpPeer;
/** Null when ::1 cannot be listened on here; the IPv6 tests then say why they skip. */
let peer6: SmtpPeer | null = null;
let noIpv6Reason = "";

beforeAll(async () => {
  dns = await startDnsServer(TEST_ZONE);
  peer = await startSmtpPeer("127.0.0.1");
  try {
    peer6 = await startSmtpPeer("::1");
  } catch (e) {
    noIpv6Reason = `::1 is not usable here (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
  }
});
afterAll(async () => {
  await Promise.all([dns?.close(), peer?.close(), peer6?.close()]);
});

function server(): string {
  return `${dns.address}:${dns.port}`;
}

async function check(input: Partial<CheckRequestInput> & { host: string }, signal?: AbortSignal): Promise<CheckResult> {
  const request = CheckRequestSchema.parse({
    port: peer.port,
    tls: "none",
    dnsServer: { address: dns.address, port: dns.port },
    ...input,
    timeouts: { dnsMs: 2000, connectMs: 2000, greetingMs: 3000, commandMs: 3000, ...input.timeouts },
  });
  const result = await runCheck(request, { signal });
  // Every lookup went to the fixture, never to the system's resolver or a real DNS server.
  for (const q of of(result, "dns.query")) expect(q.server).toBe(server());
  expect(result.events.at(-1)?.kind).toBe("done");
  return result;
}

function of<K extends CheckEvent["kind"]>(result: { events: CheckEvent[] }, kind: K): EventOf<K>[] {
  return result.events.filter((e): e is EventOf<K> => e.kind === kind);
}

const ids = (result: CheckResult) => result.findings.map((f) => f.id);
const finding = (result: CheckResult, id: string) => result.findings.find((f) => f.id === id);

describe("resolve step against the DNS fixture", () => {
  it("MX: records in preference order, connection to the best one", async () => {
    const before = dns.queries.length;
    const result = await check({ host: "ehlo.test", mx: true });
    const mx = of(result, "dns.answer").find((a) => a.rrtype === "MX");
    expect(mx?.records).toEqual(["10 mx.ehlo.test", "20 mx2.ehlo.test"]);
    expect(of(result, "tcp.connecting").map((c) => [c.address, c.port])).toEqual([["127.0.0.1", peer.port]]);
    expect(result.target).toMatchObject({ host: "mx.ehlo.test", mx: true, address: "127.0.0.1" });
    expect(peer.accepted.at(-1)).toBe("127.0.0.1");
    expect(result.outcome).toBe("ok");
    const asked = dns.queries.slice(before).map((q) => `${q.type} ${q.name}`);
    expect(asked).toEqual(expect.arrayContaining(["MX ehlo.test", "A mx.ehlo.test", "AAAA mx.ehlo.test"]));
    expect(asked.some((q) => q.includes("mx2"))).toBe(false);
  });

  it("MX: STARTTLS verifies the certificate against the MX host name", async () => {
    const fixture = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    try {
      const request = CheckRequestSchema.parse({
        ...fixture.request,
        host: "ehlo.test",
        mx: true,
        dnsServer: { address: dns.address, port: dns.port },
      });
      const result = await runCheck(request);
      const tls = of(result, "tls.established")[0];
      expect(tls?.details.servername).toBe("mx.ehlo.test");
      expect(tls?.details.nameMatches).toBe(true);
      expect(ids(result)).toContain("session.ok");
      expect(fixture.connections).toBe(1);
    } finally {
      await fixture.close();
    }
  });

  it("null MX (RFC 7505): dns.null-mx and no connection attempted", async () => {
    const before = peer.accepted.length;
    const result = await check({ host: "nullmx.test", mx: true });
    const f = finding(result, "dns.null-mx");
    expect(f?.severity).toBe("error");
    expect(f?.params).toEqual({ domain: "nullmx.test" });
    const answer = result.events[f?.evidence[0] ?? -1];
    expect(answer).toMatchObject({ kind: "dns.answer", rrtype: "MX", records: ["0 ."] });
    expect(of(result, "tcp.connecting")).toEqual([]);
    expect(peer.accepted.length).toBe(before);
    expect(result.outcome).toBe("failed");
  });

  it("no MX: dns.no-mx warning and the domain's own address (RFC 5321 5.1 implicit MX)", async () => {
    const result = await check({ host: "nomx.test", mx: true });
    expect(of(result, "dns.error")).toContainEqual(expect.objectContaining({ name: "nomx.test", rrtype: "MX", code: "ENODATA" }));
    expect(finding(result, "dns.no-mx")).toMatchObject({ severity: "warning", params: { domain: "nomx.test" } });
    expect(of(result, "tcp.connecting").map((c) => c.address)).toEqual(["127.0.0.1"]);
    expect(result.target.host).toBe("nomx.test");
    expect(result.outcome).toBe("warning");
  });

  it("NXDOMAIN: dns.not-found, for a mail domain and for a host name", async () => {
    for (const mx of [true, false]) {
      const result = await check({ host: "nothing.test", mx });
      expect(finding(result, "dns.not-found")?.params).toMatchObject({ host: "nothing.test" });
      expect(of(result, "dns.error").map((e) => e.code)).toContain("ENOTFOUND");
      expect(of(result, "tcp.connecting")).toEqual([]);
    }
  });

  it("MX host without addresses: dns.no-address naming the MX host", async () => {
    const result = await check({ host: "noaddr.test", mx: true });
    expect(finding(result, "dns.no-address")?.params).toMatchObject({ host: "mx.noaddr.test" });
    expect(of(result, "tcp.connecting")).toEqual([]);
  });

  it("a silent DNS server: dns.timeout within dnsMs + 1 s", async () => {
    for (const mx of [true, false]) {
      const started = Date.now();
      const result = await check({ host: "silent.test", mx, timeouts: { dnsMs: 800 } });
      expect(Date.now() - started).toBeLessThan(800 + 1000);
      expect(finding(result, "dns.timeout")?.params).toMatchObject({ host: "silent.test" });
      expect(of(result, "tcp.connecting")).toEqual([]);
    }
  });

  it("cancelling during a DNS wait ends the check as cancelled, not as a DNS fault", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const result = await check({ host: "silent.test", mx: true, timeouts: { dnsMs: 5000 } }, controller.signal);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.outcome).toBe("cancelled");
    expect(ids(result).filter((id) => id.startsWith("dns."))).toEqual([]);
    expect(of(result, "tcp.connecting")).toEqual([]);
  });

  it("SERVFAIL: reported as the DNS not answering, with the code kept", async () => {
    const result = await check({ host: "servfail.test", mx: true });
    expect(finding(result, "dns.timeout")?.params).toEqual({ host: "servfail.test", code: "ESERVFAIL" });
  });

  it("family ipv4 on an IPv6-only name: dns.no-address, only A asked", async () => {
    const result = await check({ host: "v6only.test", family: "ipv4" });
    expect(finding(result, "dns.no-address")?.params).toMatchObject({ host: "v6only.test", rrtype: "A" });
    expect(of(result, "dns.query").map((q) => q.rrtype)).toEqual(["A"]);
  });

  it("family ipv6 picks ::1 for the MX host", async (ctx) => {
    if (!peer6) {
      console.log(`skipped: ${noIpv6Reason}`);
      return ctx.skip();
    }
    const result = await check({ host: "ehlo.test", mx: true, family: "ipv6", port: peer6.port });
    expect(of(result, "dns.query").map((q) => `${q.rrtype} ${q.name}`)).toEqual(["MX ehlo.test", "AAAA mx.ehlo.test"]);
    expect(of(result, "tcp.connecting").map((c) => [c.address, c.family])).toEqual([["::1", "IPv6"]]);
    expect(peer6.accepted.at(-1)).toBe("::1");
    expect(result.outcome).toBe("ok");
  });

  it("an IPv6-only host name in auto mode connects over IPv6", async (ctx) => {
    if (!peer6) {
      console.log(`skipped: ${noIpv6Reason}`);
      return ctx.skip();
    }
    const result = await check({ host: "v6only.test", port: peer6.port });
    expect(of(result, "tcp.connecting").map((c) => c.address)).toEqual(["::1"]);
    expect(result.outcome).toBe("ok");
  });

  it("IDN: bücher.test goes on the wire as xn--bcher-kva.test (RFC 5891)", async () => {
    const before = dns.queries.length;
    const result = await check({ host: "bücher.test", family: "ipv4" });
    expect(dns.queries.slice(before)).toEqual([{ name: "xn--bcher-kva.test", type: "A", transport: "udp" }]);
    expect(of(result, "dns.answer")).toEqual([expect.objectContaining({ name: "xn--bcher-kva.test", records: ["127.0.0.1"] })]);
    expect(result.target.host).toBe("xn--bcher-kva.test");
    expect(result.outcome).toBe("ok");
  });

  it("CLI: ehlo check --mx --dns gives the same answer and connection", async () => {
    const io = captureIo();
    const code = await runCli(["check", "ehlo.test", "--mx", "--dns", server(), "--port", String(peer.port), "--json"], io);
    const result = JSON.parse(io.stdout()) as CheckResult;
    expect(io.stderr()).toBe("");
    for (const q of of(result, "dns.query")) expect(q.server).toBe(server());
    expect(of(result, "dns.answer").find((a) => a.rrtype === "MX")?.records).toEqual(["10 mx.ehlo.test", "20 mx2.ehlo.test"]);
    expect(result.target).toMatchObject({ host: "mx.ehlo.test", mx: true, address: "127.0.0.1", port: peer.port });
    // The plain peer offers no STARTTLS, which `--tls auto` reports as a warning: still exit 0.
    expect(ids(result)).toEqual(["starttls.not-offered", "session.ok"]);
    expect(result.outcome).toBe("warning");
    expect(code).toBe(0);
  });
});
