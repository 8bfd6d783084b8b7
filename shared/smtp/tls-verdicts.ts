import type { TlsDetails } from "../contract/events";
import type { FindingId, Severity } from "../contract/findings";
import { interceptionProduct } from "./interception";

export interface TlsVerdict {
  id: FindingId;
  severity: Severity;
  params: Record<string, string | number>;
}

const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REVOKED",
  "INVALID_CA",
]);

/** Days before expiry from which an otherwise good certificate earns a warning. */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Turns the TLS evidence into findings. Trust, dates and name are judged separately because each
 * has a different owner and fix (RFC 5280 path validation vs RFC 6125 name check).
 */
export function tlsVerdicts(details: TlsDetails, verifyName: string, now: Date): TlsVerdict[] {
  const out: TlsVerdict[] = [];
  const leaf = details.chain[0];
  const err = details.verifyError;
  if (err === "CERT_HAS_EXPIRED" && leaf) {
    out.push({ id: "tls.cert-expired", severity: "error", params: { validTo: leaf.validTo, days: Math.floor((now.getTime() - Date.parse(leaf.validTo)) / DAY_MS) } });
  } else if (err === "CERT_NOT_YET_VALID" && leaf) {
    out.push({ id: "tls.cert-not-yet-valid", severity: "error", params: { validFrom: leaf.validFrom } });
  } else if (err !== null && details.trustedBy === "system") {
    // Trusted by the OS but not by the bundled roots: a corporate or private CA, which mail
    // programs using the OS store accept while others refuse.
    out.push({ id: "tls.cert-os-trusted", severity: "warning", params: { issuer: details.chain.at(-1)?.issuer ?? "unknown" } });
  } else if (err !== null && (UNTRUSTED.has(err) || !details.authorized)) {
    const top = details.chain[details.chain.length - 1];
    const issuer = top?.issuer ?? leaf?.issuer ?? "unknown";
    const product = interceptionProduct(details.chain.map((c) => c.issuer).join(" | "));
    out.push({ id: "tls.cert-untrusted", severity: "error", params: { reason: err, issuer, ...(product ? { interception: product } : {}) } });
  }
  if (!details.nameMatches && leaf) {
    out.push({ id: "tls.cert-name-mismatch", severity: "error", params: { name: verifyName, covered: coveredNames(leaf.subjectAltNames, leaf.subject).join(", ") } });
  }
  if (leaf && details.authorized) {
    const daysLeft = Math.floor((Date.parse(leaf.validTo) - now.getTime()) / DAY_MS);
    if (daysLeft < EXPIRY_WARNING_DAYS) out.push({ id: "tls.cert-expiring", severity: "warning", params: { daysLeft, validTo: leaf.validTo } });
  }
  if (details.protocol && /^(SSLv3|TLSv1(\.1)?)$/.test(details.protocol)) {
    out.push({ id: "tls.protocol-outdated", severity: "warning", params: { protocol: details.protocol } });
  }
  return out;
}

function coveredNames(sans: string[], subject: string): string[] {
  const names = sans.map((s) => s.replace(/^(DNS|IP Address):/, ""));
  if (names.length > 0) return names;
  const cn = /CN=([^,]+)/.exec(subject);
  return cn?.[1] ? [cn[1]] : [];
}
