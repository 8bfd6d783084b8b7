import type { CheckResult } from "../../../shared/contract/check-result";
import type { CandidateProbe, DiscoveryTimeouts, SubmissionTls } from "../../../shared/contract/discovery";
import type { FindingId } from "../../../shared/contract/findings";
import { parseCapabilities } from "../../../shared/smtp/capabilities";
import { startCheck } from "../checks";

export interface ProbeTarget {
  host: string;
  port: number;
  tls: SubmissionTls;
}

export interface ProbeOptions {
  dnsServer?: { address: string; port: number } | undefined;
  timeouts: DiscoveryTimeouts;
  extraCaPem?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** Certificate problems are reported as notes: the server still speaks SMTP with that TLS. */
const CERTIFICATE_FINDINGS: ReadonlySet<FindingId> = new Set(["tls.cert-untrusted", "tls.cert-expired", "tls.cert-not-yet-valid", "tls.cert-name-mismatch", "tls.cert-expiring", "tls.cert-os-trusted"]);

/**
 * Proves one candidate with a full check that stops after EHLO (and STARTTLS where the setting
 * uses it): no AUTH, no MAIL, so credentials are never sent during discovery and the server's
 * logs show only a greeting and a goodbye.
 */
export async function probeCandidate(target: ProbeTarget, options: ProbeOptions): Promise<{ probe: CandidateProbe; verified: boolean }> {
  const { dnsMs, connectMs, greetingMs, commandMs } = options.timeouts;
  const result = await startCheck(
    {
      host: target.host,
      port: target.port,
      tls: target.tls,
      dnsServer: options.dnsServer,
      // The candidate list already covers the other ports; probing them again would double the work.
      alternativePorts: [],
      timeouts: { dnsMs, connectMs, greetingMs, commandMs },
      progressIntervalMs: 60_000,
      extraCaPem: options.extraCaPem,
    },
    { signal: options.signal },
  );
  return summarize(result, target.tls);
}

export function summarize(result: CheckResult, tls: SubmissionTls): { probe: CandidateProbe; verified: boolean } {
  const greeting = result.events.find((e) => e.kind === "recv" && e.phase === "greeting");
  const greeted = greeting?.kind === "recv" && greeting.code === 220;
  const ehloOk = result.events.some((e) => e.kind === "recv" && e.phase === "ehlo" && e.final && e.code === 250);
  const startTlsOffered = result.events.some((e) => e.kind === "recv" && e.phase === "ehlo" && /^250[ -]STARTTLS\b/i.test(e.text));
  const problems = result.findings.filter((f) => f.severity !== "info");
  const blocking = problems.filter((f) => f.severity === "error" && !CERTIFICATE_FINDINGS.has(f.id));
  const tlsOk = tls === "none" || result.tls !== null;
  const verified = result.outcome !== "cancelled" && greeted && ehloOk && tlsOk && blocking.length === 0;
  return {
    verified,
    probe: {
      outcome: result.outcome,
      address: result.target.address,
      greeting: greeting?.kind === "recv" ? greeting.text : null,
      tls: result.tls
        ? { protocol: result.tls.protocol, authorized: result.tls.authorized, nameMatches: result.tls.nameMatches, verifyError: result.tls.verifyError }
        : null,
      startTlsOffered,
      auth: parseCapabilities(["", ...result.capabilities]).auth,
      findings: problems.map((f) => f.id),
      ms: result.durationMs,
    },
  };
}
