/**
 * An authoritative DNS fixture on loopback (UDP, plus TCP on the same port for truncated
 * answers), serving a zone given as data. Lets the engine's resolve step be tested against real
 * DNS packets without ever asking a real DNS server. Test-only code: product code never imports
 * `main/testing/`.
 */
import dgram from "node:dgram";
import net from "node:net";
import packet from "dns-packet";
import type { Answer, DecodedPacket, Question } from "dns-packet";

export type ZoneRecord =
  | { type: "A"; address: string; ttl?: number }
  | { type: "AAAA"; address: string; ttl?: number }
  /** `exchange: "."` with preference 0 is a null MX (RFC 7505). */
  | { type: "MX"; preference: number; exchange: string; ttl?: number }
  | { type: "SRV"; priority: number; weight: number; port: number; target: string; ttl?: number }
  /** One TXT record; an array is one record made of several character-strings (RFC 1035 3.3.14). */
  | { type: "TXT"; text: string | string[]; ttl?: number }
  | { type: "CNAME"; target: string; ttl?: number };

/** A name's records, or a misbehaviour: "silent" never answers, "servfail" answers SERVFAIL. */
export type ZoneEntry = readonly ZoneRecord[] | "silent" | "servfail";

/**
 * Names (lower case, no trailing dot) to their entries. The server is authoritative for every
 * top-level label that appears here (".test" for TEST_ZONE): other names under it are NXDOMAIN,
 * names outside it are REFUSED. Ancestors of listed names exist without data (empty
 * non-terminals, RFC 8020), so `_tcp.ehlo.test` is NODATA, not NXDOMAIN.
 */
export type ZoneRecords = Readonly<Record<string, ZoneEntry>>;

export interface DnsQueryLog {
  name: string;
  type: string;
  transport: "udp" | "tcp";
}

export interface DnsServer {
  address: string;
  port: number;
  /** Every question received, in order, names in lower case without the trailing dot. */
  queries: DnsQueryLog[];
  close(): Promise<void>;
}

/** The zone the engine's DNS tests run against. */
export const TEST_ZONE: ZoneRecords = {
  "ehlo.test": [
    // Listed worst first on purpose: the client must sort by preference (RFC 5321 5.1).
    { type: "MX", preference: 20, exchange: "mx2.ehlo.test" },
    { type: "MX", preference: 10, exchange: "mx.ehlo.test" },
    { type: "TXT", text: "v=spf1 -all" },
  ],
  "mx.ehlo.test": [
    { type: "A", address: "127.0.0.1" },
    { type: "AAAA", address: "::1" },
  ],
  "mx2.ehlo.test": [{ type: "A", address: "127.0.0.2" }],
  "smtp.ehlo.test": [{ type: "CNAME", target: "mx.ehlo.test" }],
  // RFC 6186 3.1: where a mail program finds the submission service, for settings discovery.
  "_submission._tcp.ehlo.test": [{ type: "SRV", priority: 0, weight: 1, port: 587, target: "mx.ehlo.test" }],
  "_submissions._tcp.ehlo.test": [{ type: "SRV", priority: 0, weight: 1, port: 465, target: "mx.ehlo.test" }],
  "nullmx.test": [{ type: "MX", preference: 0, exchange: "." }],
  "nomx.test": [{ type: "A", address: "127.0.0.1" }],
  "noaddr.test": [{ type: "MX", preference: 10, exchange: "mx.noaddr.test" }],
  "mx.noaddr.test": [{ type: "TXT", text: "this host has no address records" }],
  "v6only.test": [{ type: "AAAA", address: "::1" }],
  // bücher.test in A-label form (RFC 5891): the wire only ever carries this spelling.
  "xn--bcher-kva.test": [{ type: "A", address: "127.0.0.1" }],
  "silent.test": "silent",
  "servfail.test": "servfail",
};

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
/** RFC 1035 4.2.1: without EDNS a UDP message is at most 512 octets. */
const CLASSIC_UDP_LIMIT = 512;
/** Enough for a CNAME chain inside the zone, short enough to stop a loop. */
const MAX_CNAME_HOPS = 8;

interface Lookup {
  rcode: number;
  answers: Answer[];
  silent: boolean;
}

const normal = (name: string): string => name.toLowerCase().replace(/\.$/, "");

/** Answers one question from the zone: the DNS logic, free of sockets. */
export function lookupZone(zone: ZoneRecords, qname: string, qtype: string): Lookup {
  const answers: Answer[] = [];
  let name = normal(qname);
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
    const entry = zone[name];
    if (entry === "silent") return { rcode: RCODE.NOERROR, answers, silent: true };
    if (entry === "servfail") return { rcode: RCODE.SERVFAIL, answers: [], silent: false };
    if (entry === undefined) {
      if (isEmptyNonTerminal(zone, name)) return { rcode: RCODE.NOERROR, answers, silent: false };
      // RFC 6604 2.1: after a CNAME the rcode describes the last name in the chain.
      const rcode = isAuthoritative(zone, name) ? RCODE.NXDOMAIN : answers.length > 0 ? RCODE.NOERROR : RCODE.REFUSED;
      return { rcode, answers, silent: false };
    }
    const owner = answers.length === 0 ? qname.replace(/\.$/, "") : name;
    const cname = entry.find((r) => r.type === "CNAME");
    if (cname && cname.type === "CNAME" && qtype !== "CNAME") {
      // RFC 1034 3.6.2: answer with the alias and follow it inside our own data.
      answers.push(toAnswer(owner, cname));
      name = normal(cname.target);
      continue;
    }
    for (const r of entry) if (r.type === qtype) answers.push(toAnswer(owner, r));
    return { rcode: RCODE.NOERROR, answers, silent: false };
  }
  return { rcode: RCODE.SERVFAIL, answers: [], silent: false };
}

function isEmptyNonTerminal(zone: ZoneRecords, name: string): boolean {
  return Object.keys(zone).some((n) => n.endsWith(`.${name}`));
}

function isAuthoritative(zone: ZoneRecords, name: string): boolean {
  const tld = name.split(".").at(-1) ?? "";
  return Object.keys(zone).some((n) => n.split(".").at(-1) === tld);
}

function toAnswer(name: string, r: ZoneRecord): Answer {
  // TTL 0 by default: nothing is cached, so every lookup reaches the fixture and its log.
  const common = { name, ttl: r.ttl ?? 0 };
  switch (r.type) {
    case "A":
    case "AAAA":
      return { ...common, type: r.type, data: r.address };
    case "CNAME":
      return { ...common, type: "CNAME", data: r.target };
    case "MX":
      return { ...common, type: "MX", data: { preference: r.preference, exchange: r.exchange } };
    case "SRV":
      return { ...common, type: "SRV", data: { priority: r.priority, weight: r.weight, port: r.port, target: r.target } };
    case "TXT":
      return { ...common, type: "TXT", data: Array.isArray(r.text) ? r.text : [r.text] };
  }
}

/** Builds the reply to one query, or null when the fixture must stay silent. */
function respond(zone: ZoneRecords, query: DecodedPacket, transport: "udp" | "tcp", log: DnsQueryLog[]): Buffer | null {
  const questions = query.questions ?? [];
  const opt = (query.additionals ?? []).find((a) => a.type === "OPT");
  // RFC 6891 7: a responder that understood an OPT record includes one in its reply.
  const additionals: Answer[] = opt ? [{ name: ".", type: "OPT", udpPayloadSize: 1232, flags: 0, options: [] } as unknown as Answer] : [];
  const rd = (query.flags ?? 0) & packet.RECURSION_DESIRED;
  const reply = (rcode: number, answers: Answer[], q: Question[] = questions): Buffer =>
    packet.encode({ type: "response", id: query.id ?? 0, flags: packet.AUTHORITATIVE_ANSWER | rd | rcode, questions: q, answers, additionals });

  const question = questions[0];
  if (questions.length !== 1 || !question) return reply(RCODE.FORMERR, [], []);
  log.push({ name: normal(question.name), type: question.type, transport });
  const result = lookupZone(zone, question.name, question.type);
  if (result.silent) return null;
  const full = reply(result.rcode, result.answers);
  if (transport === "tcp") return full;
  // RFC 1035 4.2.1 / RFC 6891 6.2.3: too big for this UDP exchange → set TC, the client retries over TCP.
  const limit = Math.max(CLASSIC_UDP_LIMIT, opt && "udpPayloadSize" in opt ? Number(opt.udpPayloadSize) : 0);
  if (full.length <= limit) return full;
  return packet.encode({
    type: "response",
    id: query.id ?? 0,
    flags: packet.AUTHORITATIVE_ANSWER | packet.TRUNCATED_RESPONSE | rd | result.rcode,
    questions,
    answers: [],
    additionals,
  });
}

/** Only ever talk to a loopback client (project rule: no traffic to any other address). */
function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === "::1" || /^::ffff:127\./i.test(address);
}

function decode(buf: Buffer): DecodedPacket | null {
  try {
    const q = packet.decode(buf);
    return q.type === "query" ? q : null;
  } catch {
    return null; // garbage is dropped, as a real server would do with an undecodable datagram
  }
}

/** Starts the fixture on 127.0.0.1 with a random port shared by UDP and TCP. */
export async function startDnsServer(zone: ZoneRecords): Promise<DnsServer> {
  const queries: DnsQueryLog[] = [];
  const zoneLower: ZoneRecords = Object.fromEntries(Object.entries(zone).map(([k, v]) => [normal(k), v]));
  for (let attempt = 0; ; attempt++) {
    const udp = await bindUdp();
    const port = udp.address().port;
    try {
      const tcp = await listenTcp(port, zoneLower, queries);
      udp.on("message", (msg, rinfo) => {
        if (!isLoopback(rinfo.address)) return;
        const query = decode(msg);
        const out = query && respond(zoneLower, query, "udp", queries);
        if (out) udp.send(out, rinfo.port, rinfo.address);
      });
      return { address: "127.0.0.1", port, queries, close: () => closeBoth(udp, tcp) };
    } catch (e) {
      // The random UDP port may be taken on the TCP side; pick another pair.
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (attempt >= 10) throw e;
    }
  }
}

function bindUdp(): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const udp = dgram.createSocket("udp4");
    udp.once("error", reject);
    udp.bind(0, "127.0.0.1", () => {
      udp.off("error", reject);
      udp.on("error", () => {}); // e.g. ICMP port unreachable after a client gave up
      resolve(udp);
    });
  });
}

/** RFC 1035 4.2.2 / RFC 7766: over TCP each message carries a two-octet length prefix. */
function listenTcp(port: number, zone: ZoneRecords, queries: DnsQueryLog[]): Promise<TcpSide> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    if (!isLoopback(socket.remoteAddress ?? "")) return socket.destroy();
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const size = pending.readUInt16BE(0);
        if (pending.length < 2 + size) break;
        const query = decode(pending.subarray(2, 2 + size));
        pending = pending.subarray(2 + size);
        const out = query && respond(zone, query, "tcp", queries);
        if (out) {
          const len = Buffer.alloc(2);
          len.writeUInt16BE(out.length);
          socket.write(Buffer.concat([len, out]));
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve({ server, sockets });
    });
  });
}

interface TcpSide {
  server: net.Server;
  sockets: Set<net.Socket>;
}

async function closeBoth(udp: dgram.Socket, tcp: TcpSide): Promise<void> {
  // Closing must not wait for clients that keep their TCP connection open.
  for (const s of tcp.sockets) s.destroy();
  await Promise.all([
    new Promise<void>((resolve) => udp.close(() => resolve())),
    new Promise<void>((resolve) => tcp.server.close(() => resolve())),
  ]);
}
