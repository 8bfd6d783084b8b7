import * as dns from "node:dns";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
import type { CheckRequestInput } from "../../shared/contract/check-request";
import type { MatrixOptions, MatrixSpec, MatrixTarget, MatrixTls } from "../../shared/contract/matrix";
import type { z } from "zod";
import type { MxHostSchema } from "../../shared/contract/matrix";

export type MxHost = z.infer<typeof MxHostSchema>;

/** One row to run: what it shows, and the check request that runs it. */
export interface PlannedRow {
  target: MatrixTarget;
  request: CheckRequestInput;
  /** Addresses resolved by the matrix itself (the engine dials the address, named by the MX host). */
  pinned: boolean;
  dnsMs: number | null;
}

export interface Plan {
  rows: PlannedRow[];
  mx: MxHost[] | null;
  implicitMx: boolean;
}

/**
 * The TLS modes worth a row for a port: RFC 8314 3.3 makes 465 implicit TLS; elsewhere (25, 587,
 * 2525 …) both plain and STARTTLS (RFC 3207) are real configurations, so both get a row.
 */
export function modesForPort(port: number): MatrixTls[] {
  return port === 465 ? ["implicit"] : ["none", "starttls"];
}

export function planHost(spec: Extract<MatrixSpec, { host: string }>, options: MatrixOptions): Plan {
  const rows = spec.ports.flatMap((port) =>
    modesForPort(port).map((tls): PlannedRow => ({
      target: { host: spec.host, address: null, port, tls, preference: null },
      request: baseRequest(options, { host: spec.host, port, tls }),
      pinned: false,
      dnsMs: null,
    })),
  );
  return { rows, mx: null, implicitMx: false };
}

/**
 * Every MX host of the domain and every address of each, IPv4 and IPv6 (RFC 5321 5.1: a sender
 * may use any of them, so each must work). A host with one address of a family is checked by
 * name with that family, so SNI and the engine's certificate check see the real name; a family
 * with several addresses needs each dialled as an IP literal.
 */
export async function planDomain(spec: Extract<MatrixSpec, { domain: string }>, options: MatrixOptions, signal?: AbortSignal): Promise<Plan> {
  const resolver = new dns.promises.Resolver({ timeout: options.timeouts.dnsMs, tries: 2 });
  if (options.dnsServer) resolver.setServers([formatServer(options.dnsServer)]);
  signal?.addEventListener("abort", () => resolver.cancel(), { once: true });
  const domain = spec.domain.trim().replace(/\.$/, "").toLowerCase();
  const started = performance.now();
  let exchanges: { host: string; preference: number }[];
  let implicitMx = false;
  try {
    const records = await resolver.resolveMx(domain);
    exchanges = records.sort((a, b) => a.priority - b.priority).map((r) => ({ host: r.exchange.replace(/\.$/, ""), preference: r.priority }));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENODATA") return { rows: [engineRow(spec, options, domain)], mx: [], implicitMx: false };
    // RFC 5321 5.1: without MX records the domain itself is the implicit MX.
    exchanges = [{ host: domain, preference: 0 }];
    implicitMx = true;
  }
  // RFC 7505: a null MX ("." alone) says the domain takes no mail; the engine explains it.
  if (exchanges.length === 0 || exchanges.some((x) => x.host === "")) return { rows: [engineRow(spec, options, domain)], mx: [], implicitMx: false };
  const mxMs = performance.now() - started;
  const hosts = await Promise.all(exchanges.map((x) => resolveHost(x.host, x.preference, resolver, options)));
  const rows: PlannedRow[] = [];
  for (const { mx, ms } of hosts) {
    if (mx.addresses.length === 0) {
      // Let the engine resolve it again: its events and finding say what is wrong with the name.
      for (const port of spec.ports) rows.push({ target: { host: mx.host, address: null, port, tls: mxMode(port), preference: mx.preference }, request: baseRequest(options, { host: mx.host, port, tls: mxMode(port) }), pinned: false, dnsMs: null });
      continue;
    }
    const v4 = mx.addresses.filter((a) => isIP(a) === 4);
    const v6 = mx.addresses.filter((a) => isIP(a) === 6);
    for (const address of [...v4, ...v6]) {
      for (const port of spec.ports) {
        const tls = mxMode(port);
        rows.push({
          target: { host: mx.host, address, port, tls, preference: mx.preference },
          // Dial this address, but keep the MX name for SNI and the certificate check.
          request: { ...baseRequest(options, { host: mx.host, port, tls }), ...(isIP(mx.host) === 0 ? { connectAddress: address } : {}) },
          pinned: true,
          dnsMs: Math.round((mxMs + ms) * 10) / 10,
        });
      }
    }
  }
  return { rows, mx: hosts.map((h) => h.mx), implicitMx };
}

/** What a sending MTA does: STARTTLS when offered (RFC 3207), implicit TLS on 465. */
function mxMode(port: number): MatrixTls {
  return port === 465 ? "implicit" : "auto";
}

/** A row the engine resolves itself, so a DNS failure becomes its finding and evidence. */
function engineRow(spec: Extract<MatrixSpec, { domain: string }>, options: MatrixOptions, domain: string): PlannedRow {
  const port = spec.ports[0] ?? 25;
  return { target: { host: domain, address: null, port, tls: mxMode(port), preference: null }, request: { ...baseRequest(options, { host: domain, port, tls: mxMode(port) }), mx: true }, pinned: false, dnsMs: null };
}

async function resolveHost(host: string, preference: number, resolver: dns.promises.Resolver, options: MatrixOptions): Promise<{ mx: MxHost; ms: number }> {
  const started = performance.now();
  if (isIP(host)) return { mx: { host, preference, addresses: [host], error: null }, ms: 0 };
  const errors: string[] = [];
  const ask = (p: Promise<string[]>) => p.catch((e: NodeJS.ErrnoException) => (errors.push(e.code ?? "ERROR"), [] as string[]));
  let addresses: string[];
  if (options.dnsServer) {
    const [a, aaaa] = await Promise.all([ask(resolver.resolve4(host)), ask(resolver.resolve6(host))]);
    addresses = [...a, ...aaaa];
  } else {
    // Without a chosen server, the system's view (getaddrinfo), as the engine does.
    addresses = (await dns.promises.lookup(host, { all: true }).catch((e: NodeJS.ErrnoException) => (errors.push(e.code ?? "ERROR"), []))).map((r) => r.address);
  }
  const unique = [...new Set(addresses)];
  return { mx: { host, preference, addresses: unique, error: unique.length === 0 ? (errors[0] ?? "ENODATA") : null }, ms: performance.now() - started };
}

function baseRequest(options: MatrixOptions, target: { host: string; port: number; tls: MatrixTls; family?: "ipv4" | "ipv6" }): CheckRequestInput {
  return {
    ...target,
    dnsServer: options.dnsServer,
    helo: options.helo,
    from: options.to !== undefined ? (options.from ?? "") : undefined,
    to: options.to !== undefined ? [options.to] : [],
    timeouts: options.timeouts,
    extraCaPem: options.extraCaPem,
    // The matrix already has a row for every port; the engine must not probe them again.
    alternativePorts: [],
    progressIntervalMs: 60_000,
  };
}

function formatServer(server: { address: string; port: number }): string {
  return isIP(server.address) === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}
