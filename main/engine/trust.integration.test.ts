import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CheckRequestSchema } from "../../shared/contract/check-request";
import { certs, createTestCa } from "../testing/certs";
import { HOSTILE_SERVERS } from "../testing/hostile-servers";
import { runCheck } from "./session";
import { chainAnchoredIn, extraRootsFromEnv } from "./trust-stores";

describe("which trust store vouches for the chain", () => {
  it("a private CA the OS trusts but the bundled roots do not is tls.cert-os-trusted, not untrusted", async () => {
    const fixture = await HOSTILE_SERVERS["cert-untrusted-ca"]!.start();
    try {
      const request = CheckRequestSchema.parse({ ...fixture.request, extraCaPem: undefined, alternativePorts: [] });
      const osStore = [certs.untrustedCa().issuerPem];
      const r = await runCheck(request, { systemTrustStore: osStore });
      expect(r.tls).toMatchObject({ authorized: false, trustedBy: "system" });
      const ids = r.findings.map((f) => f.id);
      expect(ids).toContain("tls.cert-os-trusted");
      expect(ids).not.toContain("tls.cert-untrusted");
      expect(r.outcome).toBe("warning");

      const unknown = await runCheck(request, { systemTrustStore: [] });
      expect(unknown.tls?.trustedBy).toBeNull();
      expect(unknown.findings.find((f) => f.id === "tls.cert-untrusted")?.params.issuer).toContain("Ehlo Untrusted Test CA");
    } finally {
      await fixture.close();
    }
  });

  it("a chain trusted by the bundled store (with the user's CA) says so", async () => {
    const fixture = await HOSTILE_SERVERS["multiline-greeting"]!.start();
    try {
      const r = await runCheck(CheckRequestSchema.parse(fixture.request), { systemTrustStore: null });
      expect(r.tls).toMatchObject({ authorized: true, trustedBy: "bundled" });
    } finally {
      await fixture.close();
    }
  });

  it("chainAnchoredIn accepts the root itself or its issuer, and nothing else", () => {
    const ca = createTestCa();
    const leaf = certs.valid();
    const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    expect(chainAnchoredIn([der(leaf.cert)], [ca.certPem])).toBe(true);
    expect(chainAnchoredIn([der(leaf.cert), der(ca.certPem)], [ca.certPem])).toBe(true);
    expect(chainAnchoredIn([der(leaf.cert)], [createTestCa("Ehlo Untrusted Test CA").certPem])).toBe(false);
    expect(chainAnchoredIn([der(leaf.cert)], ["not a certificate"])).toBe(false);
  });

  it("NODE_EXTRA_CA_CERTS roots are honoured even when a check brings its own CA", () => {
    const dir = mkdtempSync(join(tmpdir(), "ehlo-extra-"));
    const file = join(dir, "extra.pem");
    writeFileSync(file, `${createTestCa().certPem}\n${createTestCa("Ehlo Untrusted Test CA").certPem}`);
    expect(extraRootsFromEnv({ NODE_EXTRA_CA_CERTS: file })).toHaveLength(2);
    expect(extraRootsFromEnv({ NODE_EXTRA_CA_CERTS: join(dir, "missing.pem") })).toEqual([]);
    expect(extraRootsFromEnv({})).toEqual([]);
  });
});

describe("interception products named from the issuer", () => {
  it("names the antivirus or proxy that re-signed the chain", async () => {
    const { interceptionProduct } = await import("../../shared/smtp/interception");
    expect(interceptionProduct("CN=Avast Web/Mail Shield Root, O=Avast")).toBe("Avast");
    expect(interceptionProduct("CN=Zscaler Intermediate Root CA, O=Zscaler Inc.")).toBe("Zscaler");
    expect(interceptionProduct("CN=FortiGate CA, O=Fortinet")).toBe("Fortinet FortiGate");
    expect(interceptionProduct("CN=R11, O=Let's Encrypt")).toBeNull();
  });
});

describe("an IP-literal target over TLS", () => {
  it("judges the chain and the name apart: a certificate naming only the IP is trusted and matches", async () => {
    const { startScriptedServer } = await import("../testing/scripted-server");
    const { smtpScript } = await import("../testing/smtp-script");
    const { issueCert } = await import("../testing/certs");
    const ca = createTestCa();
    const now = Date.now();
    const onlyIp = issueCert(ca, { commonName: "127.0.0.1", altNames: ["127.0.0.1"], notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 30 * 86_400_000) });
    const server = await startScriptedServer(smtpScript({ starttls: onlyIp }));
    try {
      const r = await runCheck(CheckRequestSchema.parse({ host: "127.0.0.1", port: server.port, tls: "starttls", extraCaPem: ca.certPem, alternativePorts: [] }), { systemTrustStore: null });
      expect(r.tls).toMatchObject({ authorized: true, nameMatches: true, servername: null, verifyError: null });
      expect(r.outcome).toBe("ok");
    } finally {
      await server.close();
    }
  });
});
