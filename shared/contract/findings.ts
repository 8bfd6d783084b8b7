/**
 * Finding ids are stable forever (architecture: "Findings are stable ids with evidence").
 * Add new ids at the end of a group; never rename or remove one.
 */
export const FINDING_IDS = [
  "dns.not-found",
  "dns.no-address",
  "dns.timeout",
  "dns.no-mx",
  "dns.null-mx",
  "tcp.refused",
  "tcp.timeout",
  "tcp.unreachable",
  "tcp.reset",
  "greeting.timeout",
  "greeting.closed",
  "greeting.rejected",
  "greeting.not-smtp",
  "greeting.tls-expected",
  "greeting.slow",
  "port.alternative-open",
  "ehlo.rejected",
  "ehlo.helo-fallback",
  "starttls.not-offered",
  "starttls.rejected",
  "starttls.required",
  "tls.handshake-failed",
  "tls.protocol-outdated",
  "tls.cert-untrusted",
  "tls.cert-expired",
  "tls.cert-not-yet-valid",
  "tls.cert-expiring",
  "tls.cert-name-mismatch",
  "tls.cert-os-trusted",
  "auth.not-offered",
  "auth.requires-tls",
  "auth.mechanism-unsupported",
  "auth.failed",
  "auth.insecure-refused",
  "auth.required",
  "mail.rejected",
  "rcpt.rejected",
  "rcpt.relay-denied",
  "rcpt.deferred",
  "rcpt.forwarded",
  "rcpt.cannot-verify",
  "data.rejected",
  "server.closed",
  "server.timeout",
  "server.protocol-error",
  "server.line-too-long",
  "server.bare-lf",
  "session.ok",
] as const;

export type FindingId = (typeof FINDING_IDS)[number];
export type Severity = "info" | "warning" | "error";

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** `seq` of the events that prove the finding. */
  evidence: number[];
  /** Values that fill the finding's texts (port, host, delay, names …). Never secrets. */
  params: Record<string, string | number>;
}
