import { describe, expect, it } from "vitest";
import type { Certificate, TlsDetails } from "../../shared/contract/events";
import { certificateView, commonNameOf, coveredNames, summarizeCertificate } from "./certificate";

const now = new Date("2025-06-01T12:00:00Z");
const cert = (patch: Partial<Certificate> = {}): Certificate => ({
  subject: "CN=mx.example.com, O=Example",
  issuer: "C=US, O=Let's Encrypt, CN=R11",
  subjectAltNames: ["DNS:mx.example.com", "DNS:smtp.example.com", "IP Address:192.0.2.1"],
  validFrom: "2025-05-01T00:00:00Z",
  validTo: "2025-07-30T00:00:00Z",
  keyType: "RSA",
  keyBits: 2048,
  fingerprint256: "AA:BB",
  serialNumber: "01",
  selfSigned: false,
  ...patch,
});

describe("certificate card", () => {
  it("names what the certificate covers and who issued it", () => {
    expect(commonNameOf("C=US, O=Let's Encrypt, CN=R11")).toBe("R11");
    expect(coveredNames(cert())).toEqual(["mx.example.com", "smtp.example.com", "192.0.2.1"]);
    expect(coveredNames(cert({ subjectAltNames: [] }))).toEqual(["mx.example.com"]);
    expect(summarizeCertificate(cert(), now)).toMatchObject({ commonName: "mx.example.com", issuerName: "R11", key: "RSA 2048" });
  });

  it("counts days left and judges validity (14 days is the warning line)", () => {
    expect(summarizeCertificate(cert(), now)).toMatchObject({ daysLeft: 58, validity: "valid" });
    expect(summarizeCertificate(cert({ validTo: "2025-06-06T00:00:00Z" }), now)).toMatchObject({ daysLeft: 4, validity: "expiring" });
    expect(summarizeCertificate(cert({ validTo: "2025-05-20T00:00:00Z" }), now)).toMatchObject({ daysLeft: -13, validity: "expired" });
    expect(summarizeCertificate(cert({ validFrom: "2025-06-10T00:00:00Z" }), now).validity).toBe("not-yet-valid");
    expect(summarizeCertificate(cert({ validTo: "someday" }), now)).toMatchObject({ daysLeft: null, validity: "unknown" });
  });

  it("keeps trust and name separate in the verdict", () => {
    const details: TlsDetails = {
      mode: "starttls",
      servername: "mx.example.com",
      protocol: "TLSv1.3",
      cipher: "TLS_AES_256_GCM_SHA384",
      chain: [cert(), cert({ subject: "CN=R11", issuer: "CN=ISRG Root X1" })],
      authorized: true,
      verifyError: null,
      verifyMessage: null,
      nameMatches: false,
      trustedBy: "bundled",
    };
    const view = certificateView(details, now);
    expect(view).toMatchObject({ trusted: true, nameMatches: false, verified: false, trustedBy: "bundled" });
    expect(view.chain.map((c) => c.commonName)).toEqual(["mx.example.com", "R11"]);
    expect(certificateView({ ...details, chain: [] }, now).leaf).toBeNull();
  });
});
