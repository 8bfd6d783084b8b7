/**
 * Hostile fixtures around STARTTLS (RFC 3207) and the certificate the server presents.
 * Every certificate comes from `certs.ts`; the request hints trust the regular test CA, so
 * only the defect under test can make verification fail. Test-only code.
 */
import { certs, type CertBundle } from "./certs";
import { garbageBytes } from "./hostile-session";
import { defineHostile, type HostileServerSpec } from "./hostile-spec";
import { reply, send, type TlsConfig } from "./scripted-server";
import { smtpScript } from "./smtp-script";

const STARTTLS_MODE = { tls: "starttls" } as const;

function certificateServer(
  description: string,
  expectedFinding: HostileServerSpec["expectedFinding"],
  bundle: () => CertBundle,
): HostileServerSpec {
  return defineHostile({
    description,
    expectedFinding,
    clientOptions: STARTTLS_MODE,
    script: () => smtpScript({ starttls: bundle() }),
  });
}

/**
 * TLS 1.0/1.1 only. OpenSSL 3 refuses these versions at its default security level, so the
 * server drops to SECLEVEL=0; a default Node client then fails with a protocol-version alert.
 */
export function outdatedTls(): TlsConfig {
  return { ...certs.valid(), minVersion: "TLSv1", maxVersion: "TLSv1.1", ciphers: "DEFAULT@SECLEVEL=0" };
}

export const TLS_SERVERS: Record<string, HostileServerSpec> = {
  "starttls-not-offered": defineHostile({
    description: "No STARTTLS in the EHLO reply (and 502 if tried), while the client demands STARTTLS.",
    expectedFinding: "starttls.not-offered",
    clientOptions: STARTTLS_MODE,
    script: () => smtpScript(),
  }),
  "starttls-refused": defineHostile({
    description: "Advertises STARTTLS but answers the command with 454 (TLS not available).",
    expectedFinding: "starttls.rejected",
    clientOptions: STARTTLS_MODE,
    script: () =>
      smtpScript({
        starttls: certs.valid(),
        rules: [{ match: "STARTTLS", reply: reply("454 4.7.0 TLS not available due to local problem") }],
      }),
  }),
  "starttls-garbage": defineHostile({
    description: "Says 220 to STARTTLS, then sends plain text and noise instead of a TLS ServerHello.",
    expectedFinding: "tls.handshake-failed",
    clientOptions: STARTTLS_MODE,
    script: () =>
      smtpScript({
        starttls: certs.valid(),
        rules: [
          {
            match: "STARTTLS",
            reply: [
              reply("220 2.0.0 Ready to start TLS"),
              send(Buffer.concat([Buffer.from("this is not a TLS record\r\n"), garbageBytes(512)])),
            ],
          },
        ],
      }),
  }),
  "cert-expired": certificateServer(
    "STARTTLS with a certificate from the trusted test CA that expired yesterday.",
    "tls.cert-expired",
    certs.expired,
  ),
  "cert-not-yet-valid": certificateServer(
    "STARTTLS with a certificate whose validity starts in ten days (a clock problem on one side).",
    "tls.cert-not-yet-valid",
    certs.notYetValid,
  ),
  "cert-self-signed": certificateServer(
    "STARTTLS with a self-signed certificate (the client trusts only the test CA).",
    "tls.cert-untrusted",
    certs.selfSigned,
  ),
  "cert-expiring": certificateServer(
    "STARTTLS with a valid, trusted certificate that expires in five days: a warning, the session works.",
    "tls.cert-expiring",
    () => certs.expiringSoon(5),
  ),
  "cert-wrong-name": certificateServer(
    "STARTTLS with a trusted certificate issued only for other.example.net.",
    "tls.cert-name-mismatch",
    certs.wrongName,
  ),
  "cert-untrusted-ca": certificateServer(
    "STARTTLS with a certificate from a private CA the client was not given.",
    "tls.cert-untrusted",
    certs.untrustedCa,
  ),
  "tls-outdated": defineHostile({
    description: "STARTTLS works, but the server speaks only TLS 1.0/1.1 (RFC 8996 deprecates both).",
    expectedFinding: "tls.protocol-outdated",
    clientOptions: STARTTLS_MODE,
    script: () => smtpScript({ starttls: outdatedTls() }),
  }),
};
