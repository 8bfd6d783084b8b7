import dgram from "node:dgram";
import { promises as dns } from "node:dns";
import packet from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsServer, TEST_ZONE, type DnsServer, type ZoneRecords } from "./dns-server";

/** TEST_ZONE plus records that only the fixture's own tests need. */
const ZONE: ZoneRecords = {
  ...TEST_ZONE,
  // ~40 × 60 octets: far beyond 512 octets, so UDP must truncate and the client retry over TCP.
  "big.test": Array.from({ length: 40 }, (_, i) => ({ type: "TXT" as const, text: `record ${String(i).padStart(2, "0")} ${"x".repeat(48)}` })),
  "multi.test": [{ type: "TXT", text: ["part one ", "part two"] }],
  "loop-a.test": [{ type: "CNAME", target: "loop-b.test" }],
  "loop-b.test": [{ type: "CNAME", target: "loop-a.test" }],
};

let server: DnsServer;

beforeAll(async () => {
  server = await startDnsServer(ZONE);
});
afterAll(async () => {
  await server.close();
});

function resolver(timeout = 2000): dns.Resolver {
  const r = new dns.Resolver({ timeout, tries: 1 });
  r.setServers([`${server.address}:${server.port}`]);
  return r;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "no code";
  }
  return "resolved";
}

describe("DNS fixture server", () => {
  it("listens on loopback only", () => {
    expect(server.address).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
  });

  it("answers A and AAAA", async () => {
    expect(await resolver().resolve4("mx.ehlo.test")).toEqual(["127.0.0.1"]);
    expect(await resolver().resolve6("mx.ehlo.test")).toEqual(["::1"]);
    expect(await resolver().resolve4("mx2.ehlo.test")).toEqual(["127.0.0.2"]);
    expect(await resolver().resolve6("v6only.test")).toEqual(["::1"]);
  });

  it("answers MX records, and a null MX as the root name (RFC 7505)", async () => {
    const mx = await resolver().resolveMx("ehlo.test");
    expect([...mx].sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: "mx.ehlo.test" },
      { priority: 20, exchange: "mx2.ehlo.test" },
    ]);
    expect(await resolver().resolveMx("nullmx.test")).toEqual([{ priority: 0, exchange: "" }]);
  });

  it("answers SRV records for settings discovery (RFC 6186)", async () => {
    expect(await resolver().resolveSrv("_submission._tcp.ehlo.test")).toEqual([{ priority: 0, weight: 1, port: 587, name: "mx.ehlo.test" }]);
    expect(await resolver().resolveSrv("_submissions._tcp.ehlo.test")).toEqual([{ priority: 0, weight: 1, port: 465, name: "mx.ehlo.test" }]);
  });

  it("answers TXT records, keeping the character-strings of one record together", async () => {
    expect(await resolver().resolveTxt("ehlo.test")).toEqual([["v=spf1 -all"]]);
    expect(await resolver().resolveTxt("multi.test")).toEqual([["part one ", "part two"]]);
  });

  it("answers CNAME, and follows the alias for other types", async () => {
    expect(await resolver().resolveCname("smtp.ehlo.test")).toEqual(["mx.ehlo.test"]);
    expect(await resolver().resolve4("smtp.ehlo.test")).toEqual(["127.0.0.1"]);
  });

  it("is case-insensitive and serves the IDN name in A-label form", async () => {
    expect(await resolver().resolve4("MX.Ehlo.TEST")).toEqual(["127.0.0.1"]);
    expect(await resolver().resolve4("xn--bcher-kva.test")).toEqual(["127.0.0.1"]);
  });

  it("says NXDOMAIN for unknown names in the zone, NODATA for known names without the type", async () => {
    expect(await codeOf(resolver().resolve4("nothing-here.test"))).toBe("ENOTFOUND");
    expect(await codeOf(resolver().resolveMx("nomx.test"))).toBe("ENODATA");
    expect(await codeOf(resolver().resolve6("mx2.ehlo.test"))).toBe("ENODATA");
    expect(await codeOf(resolver().resolve4("mx.noaddr.test"))).toBe("ENODATA");
    // An empty non-terminal exists (RFC 8020): NODATA, not NXDOMAIN.
    expect(await codeOf(resolver().resolveSrv("_tcp.ehlo.test"))).toBe("ENODATA");
  });

  it("refuses names outside its zone, and a CNAME loop ends in SERVFAIL", async () => {
    expect(await codeOf(resolver().resolve4("example.com"))).toBe("EREFUSED");
    expect(await codeOf(resolver().resolve4("loop-a.test"))).toBe("ESERVFAIL");
  });

  it("answers SERVFAIL for the servfail name", async () => {
    expect(await codeOf(resolver().resolveMx("servfail.test"))).toBe("ESERVFAIL");
  });

  it("never answers the silent name, but logs the question", async () => {
    const before = server.queries.length;
    const started = Date.now();
    expect(await codeOf(resolver(300).resolve4("silent.test"))).toBe("ETIMEOUT");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.queries.slice(before)).toContainEqual({ name: "silent.test", type: "A", transport: "udp" });
  });

  it("truncates a large UDP answer and serves it in full over TCP", async () => {
    const before = server.queries.length;
    const txt = await resolver().resolveTxt("big.test");
    expect(txt).toHaveLength(40);
    expect(txt.map((r) => r.join("")).sort()[0]).toBe(`record 00 ${"x".repeat(48)}`);
    const log = server.queries.slice(before).filter((q) => q.name === "big.test");
    expect(log.map((q) => q.transport)).toEqual(["udp", "tcp"]);
  });

  it("sets TC on a classic (non-EDNS) UDP reply over 512 octets, and AA with the query's id", async () => {
    const reply = await rawUdpQuery(packet.encode({ type: "query", id: 4242, flags: packet.RECURSION_DESIRED, questions: [{ type: "TXT", name: "big.test" }] }));
    expect(reply.length).toBeLessThanOrEqual(512);
    const decoded = packet.decode(reply);
    expect(decoded.id).toBe(4242);
    expect(decoded.flag_tc).toBe(true);
    expect(decoded.flag_aa).toBe(true);
    expect(decoded.answers).toEqual([]);
  });

  it("logs every question with its type", async () => {
    await resolver().resolveMx("ehlo.test");
    expect(server.queries).toContainEqual({ name: "ehlo.test", type: "MX", transport: "udp" });
  });

  it("stops answering once closed", async () => {
    const other = await startDnsServer(TEST_ZONE);
    const r = new dns.Resolver({ timeout: 300, tries: 1 });
    r.setServers([`${other.address}:${other.port}`]);
    expect(await r.resolve4("mx.ehlo.test")).toEqual(["127.0.0.1"]);
    await other.close();
    expect(await codeOf(r.resolve4("mx.ehlo.test"))).not.toBe("resolved");
  });
});

function rawUdpQuery(query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error("no reply"));
    }, 2000);
    socket.once("message", (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.send(query, server.port, server.address);
  });
}
