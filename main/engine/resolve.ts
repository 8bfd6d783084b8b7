import * as dns from "node:dns";
import { domainToASCII } from "node:url";
import type { CheckRequest } from "../../shared/contract/check-request";
import type { FindingId } from "../../shared/contract/findings";
import { isIpv4, isIpv6 } from "../../shared/smtp/validate";
import { ChannelError } from "./channel-error";
import type { Recorder } from "./recorder";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface ResolvedTarget {
  /** The host to connect to, in A-label form (the MX host when `mx` was used). */
  host: string;
  /** Name to send as SNI and verify the certificate against; null when connecting to an IP literal. */
  tlsName: string | null;
  addresses: ResolvedAddress[];
  /** Set when the domain has no MX and its own address was used (RFC 5321 5.1 implicit MX). */
  implicitMxEvidence?: number[];
}

export class ResolveError extends Error {
  override readonly name = "ResolveError";
  constructor(
    readonly finding: FindingId,
    message: string,
    readonly evidence: number[],
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

type RR = "A" | "AAAA" | "MX";

/**
 * DNS for one check. Without a chosen resolver, host names go through the operating system
 * (getaddrinfo: /etc/hosts, VPN split DNS and all), because that is what the user's mail program
 * sees; with `--dns` every lookup goes to that server. MX lookups always need a real resolver.
 */
export async function resolveTarget(req: CheckRequest, rec: Recorder, signal?: AbortSignal): Promise<ResolvedTarget> {
  try {
    return await resolveUncancelled(req, rec, signal);
  } catch (e) {
    // Fix: cancelling makes c-ares reject with ECANCELLED, which used to become a dns.timeout
    // finding and a "failed" run. A user's stop is not a DNS fault: report it as the
    // cancellation it is, as connectTcp and the channel do.
    if (signal?.aborted) throw new ChannelError("aborted", "The check was cancelled");
    throw e;
  }
}

async function resolveUncancelled(req: CheckRequest, rec: Recorder, signal?: AbortSignal): Promise<ResolvedTarget> {
  const literal = req.host.replace(/^\[(.*)\]$/, "$1");
  if (isIpv4(literal) || isIpv6(literal)) {
    return { host: literal, tlsName: null, addresses: [{ address: literal, family: isIpv4(literal) ? 4 : 6 }] };
  }
  const ascii = toALabel(req.host);
  if (req.connectAddress) {
    // The caller resolved the name already; the name still drives SNI and the certificate check.
    return { host: ascii, tlsName: ascii, addresses: [{ address: req.connectAddress, family: isIpv4(req.connectAddress) ? 4 : 6 }] };
  }
  const resolver = new dns.promises.Resolver({ timeout: req.timeouts.dnsMs, tries: 1 });
  if (req.dnsServer) resolver.setServers([formatServer(req.dnsServer.address, req.dnsServer.port)]);
  const server = req.dnsServer ? formatServer(req.dnsServer.address, req.dnsServer.port) : null;
  signal?.addEventListener("abort", () => resolver.cancel(), { once: true });

  if (!req.mx) {
    return { host: ascii, tlsName: ascii, addresses: await resolveAddresses(ascii, req, resolver, server, rec) };
  }

  const mxQuery = rec.emit({ kind: "dns.query", name: ascii, rrtype: "MX", server });
  const started = rec.now();
  let records: dns.MxRecord[];
  try {
    records = await withTimeout(resolver.resolveMx(ascii), req.timeouts.dnsMs);
  } catch (e) {
    const code = errorCode(e);
    const ev = rec.emit({ kind: "dns.error", name: ascii, rrtype: "MX", code, ms: rec.now() - started });
    if (code === "ENODATA") {
      // RFC 5321 5.1: no MX records means the domain itself is the implicit MX.
      const addresses = await resolveAddresses(ascii, req, resolver, server, rec);
      return { host: ascii, tlsName: ascii, addresses, implicitMxEvidence: [mxQuery.seq, ev.seq] };
    }
    throw dnsFailure(code, ascii, [mxQuery.seq, ev.seq]);
  }
  records.sort((a, b) => a.priority - b.priority);
  const answer = rec.emit({
    kind: "dns.answer",
    name: ascii,
    rrtype: "MX",
    records: records.map((r) => `${r.priority} ${r.exchange === "" ? "." : r.exchange}`),
    ms: rec.now() - started,
  });
  // RFC 7505 3: a single MX of "." (preference 0) says the domain accepts no mail at all.
  if (records.length === 1 && (records[0]?.exchange === "" || records[0]?.exchange === ".")) {
    throw new ResolveError("dns.null-mx", `${ascii} publishes a null MX: it accepts no mail (RFC 7505)`, [answer.seq], { domain: ascii });
  }
  const best = records[0];
  if (!best) throw new ResolveError("dns.no-mx", `${ascii} has no MX records`, [answer.seq], { domain: ascii });
  const host = best.exchange.replace(/\.$/, "");
  return { host, tlsName: host, addresses: await resolveAddresses(host, req, resolver, server, rec) };
}

async function resolveAddresses(
  name: string,
  req: CheckRequest,
  resolver: dns.promises.Resolver,
  server: string | null,
  rec: Recorder,
): Promise<ResolvedAddress[]> {
  const wanted: RR[] = req.family === "ipv4" ? ["A"] : req.family === "ipv6" ? ["AAAA"] : ["A", "AAAA"];
  const evidence: number[] = [];
  const results: ResolvedAddress[][] = [];
  const errors: string[] = [];
  if (server === null) {
    // One getaddrinfo call answers both families; report them as A and AAAA answers.
    const q = rec.emit({ kind: "dns.query", name, rrtype: wanted.length === 1 ? (wanted[0] as RR) : "A", server: null });
    evidence.push(q.seq);
    const started = rec.now();
    try {
      const all = await withTimeout(dns.promises.lookup(name, { all: true, family: req.family === "ipv4" ? 4 : req.family === "ipv6" ? 6 : 0 }), req.timeouts.dnsMs);
      for (const rr of wanted) {
        const fam = rr === "A" ? 4 : 6;
        const list = all.filter((a) => a.family === fam).map((a) => ({ address: a.address, family: fam as 4 | 6 }));
        const ev = rec.emit({ kind: "dns.answer", name, rrtype: rr, records: list.map((a) => a.address), ms: rec.now() - started });
        evidence.push(ev.seq);
        results.push(list);
      }
    } catch (e) {
      const code = errorCode(e);
      const ev = rec.emit({ kind: "dns.error", name, rrtype: wanted.length === 1 ? (wanted[0] as RR) : "A", code, ms: rec.now() - started });
      throw dnsFailure(code, name, [q.seq, ev.seq]);
    }
  } else {
    await Promise.all(
      wanted.map(async (rr, i) => {
        const q = rec.emit({ kind: "dns.query", name, rrtype: rr, server });
        evidence.push(q.seq);
        const started = rec.now();
        try {
          const list = await withTimeout(rr === "A" ? resolver.resolve4(name) : resolver.resolve6(name), req.timeouts.dnsMs);
          const ev = rec.emit({ kind: "dns.answer", name, rrtype: rr, records: list, ms: rec.now() - started });
          evidence.push(ev.seq);
          results[i] = list.map((address) => ({ address, family: rr === "A" ? 4 : 6 }));
        } catch (e) {
          const code = errorCode(e);
          const ev = rec.emit({ kind: "dns.error", name, rrtype: rr, code, ms: rec.now() - started });
          evidence.push(ev.seq);
          errors.push(code);
          results[i] = [];
        }
      }),
    );
  }
  // IPv4 first by default: it is what most mail programs try first and fails less often on
  // networks with broken IPv6.
  const addresses = results.flat();
  if (addresses.length > 0) return addresses;
  const hard = errors.find((c) => c !== "ENODATA");
  if (hard) throw dnsFailure(hard, name, evidence);
  throw new ResolveError("dns.no-address", `${name} exists but has no ${wanted.join(" or ")} address`, evidence, { host: name, rrtype: wanted.join("/") });
}

function dnsFailure(code: string, name: string, evidence: number[]): ResolveError {
  switch (code) {
    case "ENOTFOUND":
      return new ResolveError("dns.not-found", `${name} does not exist in DNS (NXDOMAIN)`, evidence, { host: name });
    case "ENODATA":
      return new ResolveError("dns.no-address", `${name} has no address records`, evidence, { host: name, rrtype: "A/AAAA" });
    case "ETIMEOUT":
    case "EAI_AGAIN":
    case "ECONNREFUSED":
    case "ESERVFAIL":
    case "ECANCELLED":
      return new ResolveError("dns.timeout", `DNS did not answer for ${name} (${code})`, evidence, { host: name, code });
    default:
      return new ResolveError("dns.not-found", `DNS lookup of ${name} failed (${code})`, evidence, { host: name, code });
  }
}

/** IDN to A-label (RFC 5891) through WHATWG URL rules; "" means the name cannot be converted. */
export function toALabel(host: string): string {
  const ascii = domainToASCII(host.trim().replace(/\.$/, ""));
  return ascii === "" ? host : ascii;
}

function formatServer(address: string, port: number): string {
  return isIpv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? "ERROR";
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("DNS timeout"), { code: "ETIMEOUT" })), ms);
    }),
  ]);
}
