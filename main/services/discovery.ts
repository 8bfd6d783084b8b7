import * as dns from "node:dns";
import { setMaxListeners } from "node:events";
import { performance } from "node:perf_hooks";
import { domainToASCII } from "node:url";
import type { z } from "zod";
import type { DnsServerSchema } from "../../shared/contract/check-request";
import {
  DiscoverRequestSchema,
  type CandidateNote,
  type DiscoverRequest,
  type DiscoverResult,
  type DiscoverySource,
  type DiscoveryTimeouts,
  type SourceReport,
} from "../../shared/contract/discovery";
import { parseOrExplain } from "../../shared/contract/schema-errors";
import { InputError } from "../../shared/smtp/input-error";
import { isAsciiHostName } from "../../shared/smtp/validate";
import { assertWireSafe } from "../../shared/smtp/wire-guard";
import { autoconfigSource } from "./discovery-sources/autoconfig";
import { autodiscoverSource } from "./discovery-sources/autodiscover";
import { probeCandidate } from "./discovery-sources/candidate-probe";
import { guessSettings } from "./discovery-sources/guesses";
import { createHttpFetcher, DEFAULT_MAX_BYTES, type HttpFetcher } from "./discovery-sources/http-fetch";
import { mxProviderSource } from "./discovery-sources/mx-provider";
import { rankCandidates, type MergedCandidate } from "./discovery-sources/rank";
import type { FoundSetting, SourceContext, SourceOutput, SourceRunner } from "./discovery-sources/source-types";
import { srvSource } from "./discovery-sources/srv";
import { createPool } from "./pool";

export interface DiscoverOptions {
  dnsServer?: z.input<typeof DnsServerSchema>;
  timeouts?: Partial<DiscoveryTimeouts>;
  probeConcurrency?: number;
  extraCaPem?: string;
  /** The HTTPS client for autoconfig/Autodiscover; tests inject one that trusts their CA and dials fixtures. */
  fetch?: HttpFetcher;
  /** Response-size cap for the HTTP sources. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /** Each source's report as it ends (faces can show progress). */
  onSource?: (report: SourceReport) => void;
}

const SOURCES: Record<DiscoverySource, SourceRunner> = {
  "srv-submissions": srvSource("submissions"),
  "srv-submission": srvSource("submission"),
  autoconfig: autoconfigSource,
  autodiscover: autodiscoverSource,
  "mx-provider": mxProviderSource,
  guess: async (ctx) => ({ state: "found", detail: `smtp.${ctx.domain}, mail.${ctx.domain}, ${ctx.domain} on 465, 587, 25`, settings: guessSettings(ctx.domain) }),
};

/**
 * `discovery.discover`: from an e-mail address or a domain to ranked, probed submission settings.
 * Every source runs at once with its own budget, so a slow or broken one never holds up the
 * others; each distinct setting is probed (bounded concurrency) as soon as a source names it.
 * Credentials are never sent.
 */
export async function discover(target: string, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const request = parseOrExplain(
    DiscoverRequestSchema,
    { target, dnsServer: options.dnsServer, timeouts: options.timeouts, probeConcurrency: options.probeConcurrency, extraCaPem: options.extraCaPem },
    "discovery request",
  );
  const { address, domain } = parseDiscoveryTarget(request.target);
  const startedAt = new Date();
  const started = performance.now();
  // One internal signal for every source and probe: many listeners on it are expected.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const onCancel = () => internal.abort();
  options.signal?.addEventListener("abort", onCancel, { once: true });
  if (options.signal?.aborted) internal.abort();
  const signal = internal.signal;
  const fetch = options.fetch ?? createHttpFetcher({ extraCaPem: request.extraCaPem, dnsServer: request.dnsServer, dnsTimeoutMs: request.timeouts.dnsMs });
  const pool = createPool(request.probeConcurrency);
  const merged = new Map<string, MergedCandidate>();
  const probes: Promise<void>[] = [];

  const accept = (source: DiscoverySource, settings: FoundSetting[]): void => {
    for (const s of settings) {
      const key = `${s.host}|${s.port}|${s.tls}`;
      let entry = merged.get(key);
      if (!entry) {
        entry = { host: s.host, port: s.port, tls: s.tls, origins: [], sourceNotes: [], probe: null, verified: false };
        merged.set(key, entry);
        probes.push(probeInto(entry, request, pool, signal));
      }
      if (!entry.origins.some((o) => o.source === source && o.detail === s.detail)) entry.origins.push({ source, detail: s.detail, plainHttp: s.plainHttp });
      entry.sourceNotes.push(...s.notes.filter((n: CandidateNote) => !entry.sourceNotes.some((x) => x.code === n.code && x.text === n.text)));
    }
  };

  const reports = await Promise.all(
    (Object.keys(SOURCES) as DiscoverySource[]).map(async (source) => {
      const { report, settings } = await runSource(source, SOURCES[source], { domain, address, fetch, maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_BYTES }, request, signal);
      accept(source, settings);
      options.onSource?.(report);
      return report;
    }),
  );
  // Probes started while sources were still running; wait for every one of them.
  await Promise.all(probes);
  options.signal?.removeEventListener("abort", onCancel);
  return {
    schema: "ehlo.discover/1",
    target: request.target,
    address,
    domain,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    sources: reports,
    candidates: rankCandidates([...merged.values()]),
    cancelled: signal.aborted,
  };
}

async function probeInto(entry: MergedCandidate, request: DiscoverRequest, pool: ReturnType<typeof createPool>, signal: AbortSignal): Promise<void> {
  await pool.run(async () => {
    if (signal.aborted) return;
    // Its own signal, linked to the run's: the engine's listener churn stays on this probe's.
    const own = new AbortController();
    const cancel = () => own.abort();
    signal.addEventListener("abort", cancel, { once: true });
    const { probe, verified } = await probeCandidate(entry, { dnsServer: request.dnsServer, timeouts: request.timeouts, extraCaPem: request.extraCaPem, signal: own.signal }).finally(() =>
      signal.removeEventListener("abort", cancel),
    );
    entry.probe = probe;
    entry.verified = verified;
  });
}

/** One source with its own budget and its own resolver, so stopping it stops only its lookups. */
async function runSource(
  source: DiscoverySource,
  runner: SourceRunner,
  base: Pick<SourceContext, "domain" | "address" | "fetch" | "maxBytes">,
  request: DiscoverRequest,
  outer: AbortSignal,
): Promise<{ report: SourceReport; settings: FoundSetting[] }> {
  const started = performance.now();
  const budget = request.timeouts.sourceMs;
  const controller = new AbortController();
  const onOuter = () => controller.abort();
  outer.addEventListener("abort", onOuter, { once: true });
  const resolver = new dns.promises.Resolver({ timeout: Math.min(request.timeouts.dnsMs, budget), tries: 1 });
  if (request.dnsServer) resolver.setServers([formatServer(request.dnsServer)]);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), budget);
  });
  const cancelled = new Promise<"cancelled">((resolve) => controller.signal.addEventListener("abort", () => resolve("cancelled"), { once: true }));
  const work = runner({ ...base, resolver, timeoutMs: budget, signal: controller.signal }).catch(
    (e: unknown): SourceOutput => ({ state: "failed", detail: `internal error: ${(e as Error)?.message ?? String(e)}`, settings: [] }),
  );
  const outcome = await Promise.race([work, expired, cancelled]);
  clearTimeout(timer);
  outer.removeEventListener("abort", onOuter);
  if (typeof outcome === "string") {
    controller.abort();
    resolver.cancel();
  }
  const ms = Math.round(performance.now() - started);
  if (outcome === "timeout") return { report: { source, state: "timeout", ms, detail: `no answer within ${budget} ms`, candidates: 0 }, settings: [] };
  if (outcome === "cancelled") return { report: { source, state: "skipped", ms, detail: "cancelled", candidates: 0 }, settings: [] };
  return { report: { source, state: outcome.state, ms, detail: outcome.detail, candidates: outcome.settings.length }, settings: outcome.settings };
}

/** `someone@example.com` or `example.com` → the address (if any) and the domain in A-label form. */
export function parseDiscoveryTarget(raw: string): { address: string | null; domain: string } {
  assertWireSafe("target", "address or domain", raw);
  const text = raw.trim();
  const at = text.lastIndexOf("@");
  const address = at >= 0 ? text : null;
  if (address !== null && (at === 0 || /[\s<>]/.test(address))) {
    throw new InputError("target", `"${text}" is not an e-mail address. Write someone@example.com, or only the domain.`);
  }
  const domainPart = (at >= 0 ? text.slice(at + 1) : text).replace(/\.$/, "");
  const domain = domainToASCII(domainPart).toLowerCase();
  if (domain === "" || !isAsciiHostName(domain) || !domain.includes(".")) {
    throw new InputError("target", `"${domainPart}" is not a mail domain. Write an address such as someone@example.com, or a domain such as example.com.`);
  }
  return { address, domain };
}

function formatServer(server: { address: string; port: number }): string {
  return server.address.includes(":") ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}
