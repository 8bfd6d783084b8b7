import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscoverResultSchema } from "../../shared/contract/discovery";
import { captureIo } from "../testing/capture-io";
import { createTestCa, issueCert } from "../testing/certs";
import { startDnsServer, type DnsServer } from "../testing/dns-server";
import { startHttpsFixture, type HttpsFixture } from "../testing/https-fixture";
import { startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { runCli } from "./program";

/**
 * `ehlo discover` through the real CLI and the real HTTPS client: the DNS fixture names
 * autoconfig.clicorp.test at a loopback address of its own where the HTTPS fixture listens on
 * 443, beside SMTP fixtures on 465 and 587 (standard ports need root).
 */
const HOST = "127.0.79.1";
const isRoot = process.getuid?.() === 0;
const day = 24 * 60 * 60 * 1000;

let dns: DnsServer;
let web: HttpsFixture;
let smtp: ScriptedServer[] = [];
let dir = "";
let caFile = "";

beforeAll(async () => {
  if (!isRoot) return;
  const ca = createTestCa();
  const cert = issueCert(ca, { commonName: "mail.clicorp.test", altNames: ["mail.clicorp.test", "autoconfig.clicorp.test"], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
  dir = mkdtempSync(join(tmpdir(), "ehlo-discover-"));
  caFile = join(dir, "ca.pem");
  writeFileSync(caFile, cert.caPem);
  dns = await startDnsServer({
    "clicorp.test": [{ type: "MX", preference: 10, exchange: "mail.clicorp.test" }],
    "mail.clicorp.test": [{ type: "A", address: HOST }],
    "autoconfig.clicorp.test": [{ type: "A", address: HOST }],
    "_submissions._tcp.clicorp.test": [{ type: "SRV", priority: 0, weight: 1, port: 465, target: "mail.clicorp.test" }],
  });
  const tls = { cert: cert.cert, key: cert.key };
  smtp = [
    await startScriptedServer(smtpScript({ implicitTls: tls, auth: "PLAIN" }), { host: HOST, port: 465 }),
    await startScriptedServer(smtpScript({ starttls: tls, auth: "PLAIN LOGIN" }), { host: HOST, port: 587 }),
  ];
  web = await startHttpsFixture(
    {
      "https://autoconfig.clicorp.test/mail/config-v1.1.xml": {
        body: `<clientConfig version="1.1"><emailProvider id="clicorp.test"><outgoingServer type="smtp"><hostname>mail.clicorp.test</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer></emailProvider></clientConfig>`,
      },
    },
    ["autoconfig.clicorp.test"],
    { host: HOST, httpsPort: 443, httpPort: 80 },
  );
});

afterAll(async () => {
  await Promise.all([...smtp.map((s) => s.close()), web?.close(), dns?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const args = (...extra: string[]) => ["discover", "someone@clicorp.test", "--dns", `${dns.address}:${dns.port}`, "--ca-file", caFile, "--source-timeout", "3", "--connect-timeout", "2", ...extra];

describe.skipIf(!isRoot)("ehlo discover", () => {
  it("prints the ranked table, the sources and the setting to use", async () => {
    const io = captureIo();
    const code = await runCli(args(), io);
    expect(io.stderr()).toBe("");
    expect(code).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/Outgoing mail settings for someone@clicorp\.test \(domain clicorp\.test\): 9 candidates, 2 verified/);
    const rows = out.split("\n").filter((l) => /^\d+\s/.test(l));
    expect(rows[0]).toMatch(/^1\s+srv-submissions\s+mail\.clicorp\.test\s+465\s+implicit\s+✔ yes\s+confirm\s+PLAIN$/);
    expect(rows[1]).toMatch(/^2\s+autoconfig\s+mail\.clicorp\.test\s+587\s+STARTTLS\s+✔ yes\s+ok\s+PLAIN LOGIN$/);
    expect(rows[2]).toMatch(/^3\s+\S+\s+\S+\s+\d+\s+\S+\s+✖ no\s+\(/);
    expect(out).toMatch(/autoconfig\s+found\s+\d+ ms\s+https:\/\/autoconfig\.clicorp\.test\/mail\/config-v1\.1\.xml/);
    expect(out).toContain("Use: mail.clicorp.test, port 465, SSL/TLS (implicit TLS).");
    expect(out).toContain("Confirm this server");
  });

  it("--json prints one ehlo.discover/1 document", async () => {
    const io = captureIo();
    expect(await runCli(args("--json"), io)).toBe(0);
    const result = DiscoverResultSchema.parse(JSON.parse(io.stdout()));
    expect(result.schema).toBe("ehlo.discover/1");
    expect(result.candidates.filter((c) => c.verified).map((c) => `${c.host}:${c.port}`)).toEqual(["mail.clicorp.test:465", "mail.clicorp.test:587"]);
    expect(result.candidates.find((c) => c.port === 25 && c.host === "mail.clicorp.test")?.notes.map((n) => n.code)).toContain("relay-port");
  });
});

describe("ehlo discover: usage errors exit 2", () => {
  it.each([
    [["discover", "not a domain"], /is not a mail domain/],
    [["discover", "@example.test"], /not an e-mail address/],
    [["discover", "x@corp.test", "--source-timeout", "0"], /source-timeout must be a number/],
    [["discover", "x@corp.test", "--dns", "a@b"], /--dns takes an IP address/],
  ])("%j", async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.stderr()).toMatch(message);
  });
});
