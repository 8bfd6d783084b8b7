import type { Certificate, TlsDetails } from "../../shared/contract/events";
import { EXPIRY_WARNING_DAYS } from "../../shared/smtp/tls-verdicts";

/**
 * The certificate card's facts (pure). Trust, dates and name are judged separately because each
 * has a different owner and fix (RFC 5280 path validation vs RFC 6125 name check).
 */

const DAY_MS = 86_400_000;

export type ValidityState = "valid" | "expiring" | "expired" | "not-yet-valid" | "unknown";

export interface CertificateSummary {
  subject: string;
  /** The CN of the subject, or the whole subject when it has none. */
  commonName: string;
  issuer: string;
  issuerName: string;
  /** Host names and addresses the certificate covers (SANs, else the CN). */
  names: string[];
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo` (negative once expired), null when the date is unreadable. */
  daysLeft: number | null;
  validity: ValidityState;
  key: string;
  fingerprint256: string;
  serialNumber: string;
  selfSigned: boolean;
}

export interface CertificateView {
  leaf: CertificateSummary | null;
  /** The chain as the server sent it, leaf first. */
  chain: CertificateSummary[];
  protocol: string | null;
  cipher: string | null;
  servername: string | null;
  trusted: boolean;
  nameMatches: boolean;
  /** Both trusted and matching the name: what a mail client needs. */
  verified: boolean;
  verifyError: string | null;
  verifyMessage: string | null;
  /** Which store vouched for the chain: Ehlo's bundled roots, or only the OS store (a private CA). */
  trustedBy: TlsDetails["trustedBy"];
}

/** "CN=mx.example.com, O=Example" → "mx.example.com". */
export function commonNameOf(distinguishedName: string): string {
  const match = /(?:^|,\s*)CN=([^,]+)/.exec(distinguishedName);
  return match?.[1]?.trim() ?? distinguishedName;
}

/** SANs are reported as "DNS:name" / "IP Address:1.2.3.4"; without SANs the CN is the name. */
export function coveredNames(cert: Pick<Certificate, "subjectAltNames" | "subject">): string[] {
  const names = cert.subjectAltNames.map((san) => san.replace(/^(DNS|IP Address|IP):\s*/i, "").trim()).filter(Boolean);
  if (names.length > 0) return [...new Set(names)];
  const cn = commonNameOf(cert.subject);
  return cn === cert.subject && !/^[\w.*-]+$/.test(cn) ? [] : [cn];
}

function validityOf(cert: Certificate, now: Date): { daysLeft: number | null; validity: ValidityState } {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return { daysLeft: null, validity: "unknown" };
  const daysLeft = Math.floor((to - now.getTime()) / DAY_MS);
  if (now.getTime() < from) return { daysLeft, validity: "not-yet-valid" };
  if (now.getTime() > to) return { daysLeft, validity: "expired" };
  return { daysLeft, validity: daysLeft < EXPIRY_WARNING_DAYS ? "expiring" : "valid" };
}

export function summarizeCertificate(cert: Certificate, now: Date): CertificateSummary {
  return {
    subject: cert.subject,
    commonName: commonNameOf(cert.subject),
    issuer: cert.issuer,
    issuerName: commonNameOf(cert.issuer),
    names: coveredNames(cert),
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    ...validityOf(cert, now),
    key: `${cert.keyType}${cert.keyBits ? ` ${cert.keyBits}` : ""}`,
    fingerprint256: cert.fingerprint256,
    serialNumber: cert.serialNumber,
    selfSigned: cert.selfSigned,
  };
}

export function certificateView(details: TlsDetails, now: Date): CertificateView {
  const chain = details.chain.map((cert) => summarizeCertificate(cert, now));
  return {
    leaf: chain[0] ?? null,
    chain,
    protocol: details.protocol,
    cipher: details.cipher,
    servername: details.servername,
    trusted: details.authorized,
    nameMatches: details.nameMatches,
    verified: details.authorized && details.nameMatches,
    verifyError: details.verifyError,
    verifyMessage: details.verifyMessage,
    trustedBy: details.trustedBy,
  };
}
