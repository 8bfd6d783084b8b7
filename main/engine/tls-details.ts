import { X509Certificate } from "node:crypto";
import * as tls from "node:tls";
import type { Certificate, TlsDetails } from "../../shared/contract/events";
import { chainAnchoredIn, systemRoots } from "./trust-stores";

/**
 * What the TLS evidence says, taken from the live socket: protocol, cipher, the chain exactly as
 * the server sent it, OpenSSL's verification verdict and, separately, the host name check
 * (RFC 6125), because "untrusted" and "wrong name" need different fixes.
 */
export function readTlsDetails(
  socket: tls.TLSSocket,
  mode: "starttls" | "implicit",
  servername: string | null,
  verifyName: string,
  systemStore: string[] | null = systemRoots(),
): TlsDetails {
  const der = peerChainDer(socket);
  const chain = der.map(describeCertificate);
  const leaf = socket.getPeerCertificate();
  const nameError = leaf && Object.keys(leaf).length > 0 ? tls.checkServerIdentity(verifyName, leaf) : new Error("no certificate");
  const authError = socket.authorizationError as unknown as Error | string | null;
  const verifyError = socket.authorized ? null : authError ? String((authError as NodeJS.ErrnoException).code ?? authError) : "NO_CERTIFICATE";
  return {
    mode,
    servername,
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    chain,
    authorized: socket.authorized,
    verifyError,
    verifyMessage: socket.authorized ? null : authError instanceof Error ? authError.message : verifyError,
    nameMatches: nameError === undefined,
    trustedBy: socket.authorized ? "bundled" : systemStore && chainAnchoredIn(der, systemStore) ? "system" : null,
  };
}

function peerChainDer(socket: tls.TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(cert.raw);
    const next: tls.DetailedPeerCertificate | undefined = cert.issuerCertificate;
    if (!next || next === cert) break;
    cert = next;
  }
  return out;
}

export function describeCertificate(raw: Buffer): Certificate {
  const x = new X509Certificate(raw);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = (key.asymmetricKeyType ?? "unknown").toUpperCase();
  const keyBits = details.modulusLength ?? curveBits(details.namedCurve) ?? null;
  return {
    subject: oneLine(x.subject),
    issuer: oneLine(x.issuer),
    subjectAltNames: x.subjectAltName ? x.subjectAltName.split(/,\s*/).filter(Boolean) : [],
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    keyType: details.namedCurve ? `${keyType} ${details.namedCurve}` : keyType,
    keyBits,
    fingerprint256: x.fingerprint256,
    serialNumber: x.serialNumber,
    selfSigned: x.subject === x.issuer && x.verify(key),
  };
}

function oneLine(dn: string): string {
  return dn.split("\n").filter(Boolean).join(", ");
}

function curveBits(curve: string | undefined): number | null {
  if (!curve) return null;
  const m = /(\d{3})/.exec(curve);
  return m ? Number(m[1]) : null;
}
