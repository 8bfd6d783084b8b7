import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscoverResultSchema, type Candidate, type DiscoverResult } from "../../shared/contract/discovery";
import { createTestCa, issueCert } from "../testing/certs";
import { startDnsServer, type DnsServer, type ZoneRecords } from "../testing/dns-server";
import { startHttpsFixture, type HttpsFixture } from "../testing/https-fixture";
import { startScriptedServer, type ScriptedServer } from "../testing/scripted-server";
import { smtpScript } from "../testing/smtp-script";
import { discover, type DiscoverOptions } from "./discovery";
import { createHttpFetcher } from "./discovery-sources/http-fetch";

/**
 * Discovery end to end on loopback: a DNS fixture for corp.test, real SMTP fixtures on the
 * standard ports of a loopback address of its own (127.0.77.1; binding 25/465/587 needs root),
 * and an HTTPS fixture for the autoconfig and Autodiscover documents.
 */
const LIVE = "127.0.77.1";
const DEAD = "127.0.77.2";
const isRoot = process.getuid?.() === 0;

const ZONE: ZoneRecords = {
  "corp.test": [{ type: "MX", preference: 10, exchange: "mx.corp.test" }],
  "mx.corp.test": [{ type: "A", address: LIVE }],
  "mail.corp.test": [{ type: "A", address: LIVE }],
  "smtp.corp.test": [{ type: "A", address: DEAD }],
  "_submissions._tcp.corp.test": [{ type: "SRV", priority: 0, weight: 1, port: 465, target: "mail.corp.test" }],
  "_submission._tcp.corp.test": [{ type: "SRV", priority: 0, weight: 1, port: 587, target: "mail.corp.test" }],
  "slow.test": [{ type: "MX", preference: 10, exchange: "mail.corp.test" }],
  "_submissions._tcp.slow.test": [{ type: "SRV", priority: 0, weight: 1, port: 465, target: "mail.corp.test" }],
  "legacy.test": [{ type: "MX", preference: 10, exchange: "mail.corp.test" }],
  "hostile.test": [{ type: "MX", preference: 10, exchange: "mail.corp.test" }],
};

const autoconfigXml = (entries: string) => `<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="corp.test">
    <domain>corp.test</domain>
    <incomingServer type="imap"><hostname>imap.corp.test</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
    ${entries}
  </emailProvider>
</clientConfig>`;

const outgoing = (host: string, port: number, socket: string) =>
  `<outgoingServer type="smtp"><hostname>${host}</hostname><port>${port}</port><socketType>${socket}</socketType><authentication>password-cleartext</authentication><username>%EMAILADDRESS%</username></outgoingServer>`;

const autodiscoverSettings = (server: string, port: number, encryption: string) => `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account><AccountType>email</AccountType><Action>settings</Action>
      <Protocol><Type>IMAP</Type><Server>imap.corp.test</Server><Port>993</Port><SSL>on</SSL></Protocol>
      <Protocol><Type>SMTP</Type><Server>${server}</Server><Port>${port}</Port><SSL>on</SSL><Encryption>${encryption}</Encryption></Protocol>
    </Account>
  </Response>
</Autodiscover>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<clientConfig><emailProvider><outgoingServer type="smtp"><hostname>&lol3;</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer></emailProvider></clientConfig>`;

const FIXTURE_NAMES = ["autoconfig.corp.test", "corp.test", "autodiscover.corp.test", "autoconfig.slow.test", "slow.test", "autodiscover.slow.test", "autodiscover.legacy.test", "mail.legacy.test", "autoconfig.legacy.test", "legacy.test", "autoconfig.hostile.test", "hostile.test", "autodiscover.hostile.test"];

let dnsServer: DnsServer;
let web: HttpsFixture;
let smtp: ScriptedServer[] = [];
let caPem = "";

const byKey = (r: DiscoverResult, host: string, port: number): Candidate | undefined => r.candidates.find((c) => c.host === host && c.port === port);

function run(target: string, extra: Partial<DiscoverOptions> = {}): Promise<DiscoverResult> {
  return discover(target, {
    dnsServer: { address: dnsServer.address, port: dnsServer.port },
    fetch: createHttpFetcher({ extraCaPem: web.caPem, connectTo: (h, p) => web.connectTo(h, p) }),
    extraCaPem: caPem,
    timeouts: { sourceMs: 4000, dnsMs: 2000, connectMs: 2000, greetingMs: 3000, commandMs: 3000 },
    ...extra,
  });
}

beforeAll(async () => {
  if (!isRoot) return;
  dnsServer = await startDnsServer(ZONE);
  const day = 24 * 60 * 60 * 1000;
  const cert = issueCert(createTestCa(), { commonName: "mail.corp.test", altNames: ["mail.corp.test", "mx.corp.test"], notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + 30 * day) });
  caPem = cert.caPem;
  const tlsConfig = { cert: cert.cert, key: cert.key };
  smtp = [
    await startScriptedServer(smtpScript({ implicitTls: tlsConfig, auth: "PLAIN LOGIN" }), { host: LIVE, port: 465 }),
    await startScriptedServer(smtpScript({ starttls: tlsConfig, auth: "PLAIN LOGIN" }), { host: LIVE, port: 587 }),
    await startScriptedServer(smtpScript({ starttls: tlsConfig }), { host: LIVE, port: 25 }),
  ];
  web = await startHttpsFixture(
    {
      "https://autoconfig.corp.test/mail/config-v1.1.xml": { body: autoconfigXml(outgoing("mail.%EMAILDOMAIN%", 587, "STARTTLS") + outgoing("smtp.corp.test", 465, "SSL")) },
      "https://autodiscover.corp.test/autodiscover/autodiscover.xml": (req) => {
        // Autodiscover POX: the request names the user's address (and nothing secret).
        expect(req.method).toBe("POST");
        expect(req.body).toContain("<EMailAddress>someone@corp.test</EMailAddress>");
        return { body: autodiscoverSettings("mail.corp.test", 587, "TLS") };
      },
      "https://autoconfig.slow.test/mail/config-v1.1.xml": { hang: true },
      "https://slow.test/.well-known/autoconfig/mail/config-v1.1.xml": { hang: true },
      "https://autodiscover.slow.test/autodiscover/autodiscover.xml": { body: autodiscoverSettings("mail.corp.test", 587, "TLS") },
      // legacy.test: the https endpoint is missing; the plain-HTTP redirect method leads on.
      "http://autodiscover.legacy.test/autodiscover/autodiscover.xml": { status: 302, headers: { Location: "https://mail.legacy.test/autodiscover/autodiscover.xml" } },
      "https://mail.legacy.test/autodiscover/autodiscover.xml": { body: autodiscoverSettings("mail.corp.test", 587, "TLS") },
      "https://autoconfig.hostile.test/mail/config-v1.1.xml": { body: BILLION_LAUGHS },
      "https://hostile.test/.well-known/autoconfig/mail/config-v1.1.xml": { streamBytes: 4 * 1024 * 1024 },
      "https://autodiscover.hostile.test/autodiscover/autodiscover.xml": { body: `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Autodiscover>&xxe;</Autodiscover>` },
    },
    FIXTURE_NAMES,
  );
});

afterAll(async () => {
  await Promise.all([...smtp.map((s) => s.close()), web?.close(), dnsServer?.close()]);
});

describe.skipIf(!isRoot)("discover someone@corp.test", () => {
  let result: DiscoverResult;
  beforeAll(async () => {
    result = await run("someone@corp.test");
  });

  it("returns a valid ehlo.discover/1 document with a report from every source", () => {
    expect(DiscoverResultSchema.parse(result)).toEqual(result);
    expect(result.address).toBe("someone@corp.test");
    expect(result.domain).toBe("corp.test");
    const states = Object.fromEntries(result.sources.map((s) => [s.source, s.state]));
    expect(states).toEqual({ "srv-submissions": "found", "srv-submission": "found", autoconfig: "found", autodiscover: "found", "mx-provider": "empty", guess: "found" });
  });

  it("ranks implicit TLS 465 first, then STARTTLS 587, then the relay port 25, each proved by a probe", () => {
    const top = result.candidates.slice(0, 3).map((c) => [c.host, c.port, c.tls, c.verified]);
    expect(top).toEqual([
      ["mail.corp.test", 465, "implicit", true],
      ["mail.corp.test", 587, "starttls", true],
      ["mail.corp.test", 25, "starttls", true],
    ]);
    expect(result.candidates.map((c) => c.rank)).toEqual(result.candidates.map((_, i) => i + 1));
    const first = result.candidates[0];
    expect(first?.source).toBe("srv-submissions");
    expect(first?.probe?.greeting).toMatch(/^220 /);
    expect(first?.probe?.tls).toMatchObject({ authorized: true, nameMatches: true });
    expect(first?.probe?.auth).toEqual(["PLAIN", "LOGIN"]);
    const relay = byKey(result, "mail.corp.test", 25);
    expect(relay?.probe?.auth).toEqual([]);
    expect(relay?.notes.map((n) => n.code)).toContain("relay-port");
    expect(relay?.notes.find((n) => n.code === "relay-port")?.text).toMatch(/block/);
  });

  it("merges every source that named the same setting", () => {
    const submission = byKey(result, "mail.corp.test", 587);
    expect(submission?.origins.map((o) => o.source)).toEqual(["srv-submission", "autoconfig", "autodiscover", "guess"]);
    expect(submission?.origins.find((o) => o.source === "autoconfig")?.detail).toBe("https://autoconfig.corp.test/mail/config-v1.1.xml");
    expect(submission?.notes.find((n) => n.code === "authentication")?.text).toMatch(/password-cleartext/);
  });

  it("marks dead guesses and dead published settings unverified, below every verified one", () => {
    const dead = byKey(result, "smtp.corp.test", 465);
    expect(dead?.verified).toBe(false);
    expect(dead?.origins.map((o) => o.source)).toEqual(["autoconfig", "guess"]);
    expect(dead?.probe?.findings).toContain("tcp.refused");
    expect(byKey(result, "corp.test", 587)?.probe?.findings).toContain("dns.no-address");
    const firstUnverified = result.candidates.findIndex((c) => !c.verified);
    expect(firstUnverified).toBe(3);
    expect(result.candidates.slice(firstUnverified).every((c) => !c.verified)).toBe(true);
    expect(result.candidates).toHaveLength(9);
  });

  it("lets credentials go without confirmation only where an https source vouches and TLS verified", () => {
    expect(byKey(result, "mail.corp.test", 587)?.credentialsWithoutConfirmation).toBe(true);
    const srvOnly = byKey(result, "mail.corp.test", 465);
    expect(srvOnly?.credentialsWithoutConfirmation).toBe(false);
    expect(srvOnly?.notes.map((n) => n.code)).toContain("srv-unauthenticated");
    const guessed = byKey(result, "mail.corp.test", 25);
    expect(guessed?.credentialsWithoutConfirmation).toBe(false);
    expect(guessed?.notes.map((n) => n.code)).toContain("guessed");
  });

  it("never sends credentials (no AUTH, MAIL or RCPT reached any server)", () => {
    const lines = smtp.flatMap((s) => s.received);
    expect(lines.some((l) => /^EHLO /i.test(l))).toBe(true);
    expect(lines.filter((l) => /^(AUTH|MAIL|RCPT|DATA)\b/i.test(l))).toEqual([]);
  });
});

describe.skipIf(!isRoot)("sources are independent", () => {
  it("an autoconfig server that never answers costs only its own budget", async () => {
    const sourceMs = 1500;
    const result = await run("someone@slow.test", { timeouts: { sourceMs, dnsMs: 1000, connectMs: 2000, greetingMs: 3000, commandMs: 3000 } });
    const report = (s: string) => result.sources.find((r) => r.source === s);
    expect(report("autoconfig")).toMatchObject({ state: "timeout" });
    expect(report("autoconfig")?.ms).toBeGreaterThanOrEqual(sourceMs - 300);
    expect(report("autoconfig")?.ms).toBeLessThanOrEqual(sourceMs + 200);
    expect(report("srv-submissions")).toMatchObject({ state: "found" });
    expect(report("srv-submissions")?.ms).toBeLessThan(sourceMs / 2);
    expect(report("autodiscover")?.ms).toBeLessThan(sourceMs / 2);
    // Probes ran while autoconfig was still hanging: the whole run ends soon after its budget.
    expect(result.durationMs).toBeLessThan(sourceMs + 1500);
    expect(byKey(result, "mail.corp.test", 465)?.verified).toBe(true);
    expect(byKey(result, "mail.corp.test", 587)?.origins.map((o) => o.source)).toEqual(["autodiscover"]);
  });
});

describe.skipIf(!isRoot)("plain-HTTP-learned settings", () => {
  it("follows Autodiscover's HTTP redirect method and marks the result as needing confirmation", async () => {
    const result = await run("someone@legacy.test");
    const learned = byKey(result, "mail.corp.test", 587);
    expect(learned?.verified).toBe(true);
    expect(learned?.origins).toEqual([{ source: "autodiscover", detail: expect.stringContaining("plain-HTTP redirect → https://mail.legacy.test/"), plainHttp: true }]);
    expect(learned?.credentialsWithoutConfirmation).toBe(false);
    expect(learned?.notes.map((n) => n.code)).toContain("plain-http");
    const asked = web.requests.filter((r) => r.url.includes("legacy.test")).map((r) => `${r.method} ${r.url}`);
    expect(asked).toEqual(
      expect.arrayContaining(["POST https://autodiscover.legacy.test/autodiscover/autodiscover.xml", "GET http://autodiscover.legacy.test/autodiscover/autodiscover.xml", "POST https://mail.legacy.test/autodiscover/autodiscover.xml"]),
    );
  });
});

describe.skipIf(!isRoot)("hostile documents are refused safely", () => {
  it("DTD with entity expansion, a 4 MiB answer and an XXE attempt each fail their source only", async () => {
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const result = await run("someone@hostile.test");
    const report = (s: string) => result.sources.find((r) => r.source === s);
    expect(report("autoconfig")?.state).toBe("failed");
    expect(report("autoconfig")?.detail).toMatch(/DTD/);
    expect(report("autoconfig")?.detail).toMatch(/larger than the 262144 bytes/);
    expect(report("autodiscover")?.state).toBe("failed");
    expect(report("autodiscover")?.detail).toMatch(/DTD/);
    expect(result.candidates.some((c) => c.source === "autoconfig" || c.source === "autodiscover")).toBe(false);
    expect(result.candidates.some((c) => c.host.includes("lol"))).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});
