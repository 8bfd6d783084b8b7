/**
 * The test PKI produces exactly the certificate defects its presets promise, checked with
 * Node's own X.509 parser rather than node-forge.
 */
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { certs, createTestCa, issueCert, type CertBundle } from "./certs";

const DAY = 86_400_000;
const parse = (b: CertBundle): { leaf: X509Certificate; ca: X509Certificate; issuer: X509Certificate } => ({
  leaf: new X509Certificate(b.cert),
  ca: new X509Certificate(b.caPem),
  issuer: new X509Certificate(b.issuerPem),
});
const daysFromNow = (date: string): number => (Date.parse(date) - Date.now()) / DAY;

describe("test certificates", () => {
  it("valid(): signed by the test CA, names mx.ehlo.test, localhost, 127.0.0.1 and ::1, 30 days", () => {
    const { leaf, ca } = parse(certs.valid());
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.checkHost("mx.ehlo.test")).toBe("mx.ehlo.test");
    expect(leaf.checkHost("localhost")).toBe("localhost");
    expect(leaf.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(leaf.checkIP("::1")).toBe("::1");
    expect(daysFromNow(leaf.validFrom)).toBeLessThan(0);
    expect(daysFromNow(leaf.validTo)).toBeGreaterThan(29);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
  });

  it("expired(), notYetValid() and expiringSoon() set the validity window", () => {
    expect(daysFromNow(parse(certs.expired()).leaf.validTo)).toBeLessThan(0);
    expect(daysFromNow(parse(certs.notYetValid()).leaf.validFrom)).toBeGreaterThan(9);
    const soon = parse(certs.expiringSoon(3)).leaf;
    expect(daysFromNow(soon.validFrom)).toBeLessThan(0);
    expect(daysFromNow(soon.validTo)).toBeGreaterThan(2.9);
    expect(daysFromNow(soon.validTo)).toBeLessThan(3.1);
  });

  it("wrongName() is trusted but names only other.example.net", () => {
    const { leaf, ca } = parse(certs.wrongName());
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost("other.example.net")).toBe("other.example.net");
    expect(leaf.checkHost("mx.ehlo.test")).toBeUndefined();
    expect(leaf.checkIP("127.0.0.1")).toBeUndefined();
  });

  it("selfSigned() and untrustedCa() are not signed by the CA the client is given", () => {
    for (const bundle of [certs.selfSigned(), certs.untrustedCa()]) {
      const { leaf, ca, issuer } = parse(bundle);
      expect(bundle.caPem).toBe(createTestCa().certPem);
      expect(leaf.verify(ca.publicKey)).toBe(false);
      expect(leaf.verify(issuer.publicKey)).toBe(true);
    }
    const self = parse(certs.selfSigned()).leaf;
    expect(self.issuer).toBe(self.subject);
  });

  it("issueCert() honours custom names and dates; keys and CAs are generated once", () => {
    const ca = createTestCa("Custom CA");
    expect(createTestCa("Custom CA")).toBe(ca);
    const notBefore = new Date(Date.now() - DAY);
    const notAfter = new Date(Date.now() + 2 * DAY);
    const a = issueCert(ca, { commonName: "a.test", altNames: ["a.test", "10.0.0.1"], notBefore, notAfter });
    const b = issueCert(ca, { commonName: "b.test", altNames: ["b.test"], notBefore, notAfter });
    const leaf = new X509Certificate(a.cert);
    expect(leaf.checkHost("a.test")).toBe("a.test");
    expect(leaf.checkIP("10.0.0.1")).toBe("10.0.0.1");
    expect(leaf.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(a.key).toBe(b.key);
    expect(a.cert).not.toBe(b.cert);
  });
});
