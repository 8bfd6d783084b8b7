/**
 * Test PKI for the TLS fixtures: a private CA, leaf certificates with chosen names and
 * validity windows, and presets for each certificate problem the engine must diagnose.
 * Test-only code: product code never imports `main/testing/`.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import forge from "node-forge";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every name a "valid" fixture certificate carries, so tests may dial any of them. */
export const VALID_NAMES = ["mx.ehlo.test", "localhost", "127.0.0.1", "::1"] as const;

export interface TestCa {
  name: string;
  certPem: string;
  keyPem: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export interface CertSpec {
  commonName: string;
  /** DNS names and IP literals; IPs go into iPAddress entries (RFC 5280 4.2.1.6). */
  altNames: string[];
  notBefore: Date;
  notAfter: Date;
}

export interface CertBundle {
  /** Leaf certificate the server presents (PEM). */
  cert: string;
  /** Private key of the leaf (PEM, PKCS#1). */
  key: string;
  /** The root the client should be given as `extraCaPem` for this test. */
  caPem: string;
  /** The certificate that actually signed the leaf (differs from `caPem` for untrusted cases). */
  issuerPem: string;
}

// Keys are the slow part (even natively). Each label is generated once per process; the
// certificates themselves are cheap to sign and are made fresh so dates follow the clock.
const keyCache = new Map<string, { pem: string; key: forge.pki.rsa.PrivateKey }>();

function testKey(label: string): { pem: string; key: forge.pki.rsa.PrivateKey } {
  const cached = keyCache.get(label);
  if (cached) return cached;
  // node:crypto generates in native code; forge's pure-JS RSA would cost seconds per key.
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  const entry = { pem: privateKey, key: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey };
  keyCache.set(label, entry);
  return entry;
}

function publicOf(key: forge.pki.rsa.PrivateKey): forge.pki.rsa.PublicKey {
  return forge.pki.setRsaPublicKey(key.n, key.e);
}

function serialNumber(): string {
  // RFC 5280 4.1.2.2: positive, at most 20 octets. A leading 0x01 keeps the sign bit clear.
  return `01${randomBytes(15).toString("hex")}`;
}

function altNameEntries(names: string[]): { type: number; value?: string; ip?: string }[] {
  return names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
}

const caCache = new Map<string, TestCa>();

/** A self-signed root valid from a year ago for ten years. Cached per name. */
export function createTestCa(name = "Ehlo Test Root CA"): TestCa {
  const cached = caCache.get(name);
  if (cached) return cached;
  const { key, pem } = testKey(`ca:${name}`);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicOf(key);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - 365 * DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * DAY_MS);
  const subject = [
    { name: "commonName", value: name },
    { name: "organizationName", value: "Ehlo test fixtures" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const ca: TestCa = { name, cert, key, keyPem: pem, certPem: forge.pki.certificateToPem(cert) };
  caCache.set(name, ca);
  return ca;
}

function buildLeaf(spec: CertSpec, key: forge.pki.rsa.PrivateKey, issuer?: TestCa): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicOf(key);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  const subject = [{ name: "commonName", value: spec.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: altNameEntries(spec.altNames) },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(issuer ? issuer.key : key, forge.md.sha256.create());
  return cert;
}

/** A server certificate signed by `ca`; the client should trust `ca.certPem`. */
export function issueCert(ca: TestCa, spec: CertSpec): CertBundle {
  const { key, pem } = testKey("leaf");
  const cert = forge.pki.certificateToPem(buildLeaf(spec, key, ca));
  return { cert, key: pem, caPem: ca.certPem, issuerPem: ca.certPem };
}

/**
 * A certificate that signs itself. `caPem` is the regular test CA, which did NOT sign it:
 * the client gets a private root as usual and must still call this certificate untrusted.
 */
export function selfSignedCert(spec: CertSpec): CertBundle {
  const { key, pem } = testKey("self-signed");
  const cert = forge.pki.certificateToPem(buildLeaf(spec, key));
  return { cert, key: pem, caPem: createTestCa().certPem, issuerPem: cert };
}

function validFor(fromDays: number, toDays: number): Pick<CertSpec, "notBefore" | "notAfter"> {
  return { notBefore: new Date(Date.now() + fromDays * DAY_MS), notAfter: new Date(Date.now() + toDays * DAY_MS) };
}

function validNames(validity: Pick<CertSpec, "notBefore" | "notAfter">): CertSpec {
  return { commonName: "mx.ehlo.test", altNames: [...VALID_NAMES], ...validity };
}

/** Presets, one per certificate verdict the engine must reach. */
export const certs = {
  /** Good for 30 days, names mx.ehlo.test, localhost, 127.0.0.1 and ::1. */
  valid: (): CertBundle => issueCert(createTestCa(), validNames(validFor(-1, 30))),
  /** Ended yesterday. */
  expired: (): CertBundle => issueCert(createTestCa(), validNames(validFor(-60, -1))),
  /** Starts in ten days. */
  notYetValid: (): CertBundle => issueCert(createTestCa(), validNames(validFor(10, 40))),
  /** Valid now but ends in `days` days (a warning, not an error). */
  expiringSoon: (days = 5): CertBundle => issueCert(createTestCa(), validNames(validFor(-60, days))),
  /** Valid and trusted, but only for other.example.net. */
  wrongName: (): CertBundle =>
    issueCert(createTestCa(), {
      commonName: "other.example.net",
      altNames: ["other.example.net"],
      ...validFor(-1, 30),
    }),
  /** Signed by itself; the client is given the regular test CA instead. */
  selfSigned: (): CertBundle => selfSignedCert(validNames(validFor(-1, 30))),
  /** Signed by a second CA that the client is not given. */
  untrustedCa: (): CertBundle => {
    const rogue = issueCert(createTestCa("Ehlo Untrusted Test CA"), validNames(validFor(-1, 30)));
    return { ...rogue, caPem: createTestCa().certPem };
  },
};
