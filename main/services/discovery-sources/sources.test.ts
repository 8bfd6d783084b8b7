import * as dns from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpsFixture, type HttpsFixture } from "../../testing/https-fixture";
import { autodiscoverSource, MAX_REDIRECTS, parseAutodiscover } from "./autodiscover";
import { parseAutoconfig } from "./autoconfig";
import { createHttpFetcher, HttpFetchError } from "./http-fetch";
import { MX_PROVIDERS, providerForMx } from "./mx-provider";
import type { SourceContext } from "./source-types";

const settings = (server: string, port: number) => `<?xml version="1.0"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account><Action>settings</Action><Protocol><Type>SMTP</Type><Server>${server}</Server><Port>${port}</Port><SSL>on</SSL></Protocol></Account>
  </Response>
</Autodiscover>`;
const account = (inner: string) => `<Autodiscover><Response><Account>${inner}</Account></Response></Autodiscover>`;
const AD = "/autodiscover/autodiscover.xml";

let web: HttpsFixture;
beforeAll(async () => {
  web = await startHttpsFixture(
    {
      // two.test: an HTTP 302, then a redirectAddr: two redirects, the limit, are followed.
      [`https://autodiscover.two.test${AD}`]: { status: 302, headers: { Location: `https://ad.two.test${AD}` } },
      [`https://ad.two.test${AD}`]: { body: account("<Action>redirectAddr</Action><RedirectAddr>someone@three.test</RedirectAddr>") },
      [`https://autodiscover.three.test${AD}`]: (req) => ({ body: req.body.includes("someone@three.test") ? settings("smtp.three.test", 587) : account("<Error><Message>wrong address</Message></Error>") }),
      // loop.test: a third redirect is one too many; its target must never be asked.
      [`https://autodiscover.loop.test${AD}`]: { status: 302, headers: { Location: `https://r1.loop.test${AD}` } },
      [`https://r1.loop.test${AD}`]: { body: account(`<Action>redirectUrl</Action><RedirectUrl>https://r2.loop.test${AD}</RedirectUrl>`) },
      [`https://r2.loop.test${AD}`]: { status: 302, headers: { Location: `https://r3.loop.test${AD}` } },
      [`https://r3.loop.test${AD}`]: { body: settings("smtp.loop.test", 587) },
      // downgrade.test: a redirect from https to http is refused.
      [`https://autodiscover.downgrade.test${AD}`]: { status: 302, headers: { Location: `http://autodiscover.downgrade.test/x.xml` } },
      ["https://big.test/file.xml"]: { body: "x".repeat(300 * 1024) },
      ["http://plain.test/file.xml"]: { body: "<clientConfig/>" },
    },
    ["autodiscover.two.test", "ad.two.test", "autodiscover.three.test", "autodiscover.loop.test", "r1.loop.test", "r2.loop.test", "r3.loop.test", "autodiscover.downgrade.test", "big.test", "plain.test"],
  );
});
afterAll(() => web.close());

function context(address: string): SourceContext {
  const domain = address.slice(address.indexOf("@") + 1);
  return {
    domain,
    address,
    fetch: createHttpFetcher({ extraCaPem: web.caPem, connectTo: (h, p) => web.connectTo(h, p) }),
    resolver: new dns.promises.Resolver(),
    timeoutMs: 3000,
    maxBytes: 256 * 1024,
    signal: new AbortController().signal,
  };
}

describe("Autodiscover redirects", () => {
  it(`follows an HTTP 302 and a redirectAddr (${MAX_REDIRECTS} redirects) to the SMTP settings`, async () => {
    const out = await autodiscoverSource(context("someone@two.test"));
    expect(out.state).toBe("found");
    expect(out.settings).toEqual([expect.objectContaining({ host: "smtp.three.test", port: 587, tls: "starttls", plainHttp: false })]);
    expect(out.detail).toContain("redirectAddr someone@three.test");
  });

  it("stops at the third redirect without asking its target", async () => {
    const out = await autodiscoverSource(context("someone@loop.test"));
    expect(out.state).toBe("failed");
    expect(out.detail).toMatch(/more than 2 redirects/);
    const asked = web.requests.filter((r) => r.url.includes("loop.test")).map((r) => r.url);
    expect(asked).toEqual([`https://autodiscover.loop.test${AD}`, `https://r1.loop.test${AD}`, `https://r2.loop.test${AD}`]);
  });

  it("refuses a redirect from https to http", async () => {
    const out = await autodiscoverSource(context("someone@downgrade.test"));
    expect(out).toMatchObject({ state: "failed", detail: expect.stringMatching(/non-https/) });
    expect(web.requests.some((r) => r.url.startsWith("http://autodiscover.downgrade.test"))).toBe(false);
  });

  it("is skipped without an address", async () => {
    expect((await autodiscoverSource({ ...context("x@two.test"), address: null })).state).toBe("skipped");
  });
});

describe("document readers", () => {
  it("maps Autodiscover Encryption and SSL to TLS modes", () => {
    const proto = (x: string) => account(`<Action>settings</Action><Protocol><Type>SMTP</Type><Server>s.test</Server>${x}</Protocol>`);
    const tlsOf = (x: string) => {
      const a = parseAutodiscover(proto(x));
      return a.kind === "settings" ? a.servers[0]?.tls : a.kind;
    };
    expect(tlsOf("<Port>465</Port><SSL>on</SSL>")).toBe("implicit");
    expect(tlsOf("<Port>587</Port><SSL>on</SSL>")).toBe("starttls");
    expect(tlsOf("<Port>25</Port><SSL>off</SSL>")).toBe("none");
    expect(tlsOf("<Port>2525</Port><Encryption>SSL</Encryption>")).toBe("implicit");
    expect(tlsOf("<Port>587</Port><Encryption>None</Encryption>")).toBe("none");
  });

  it("keeps only valid SMTP servers from an autoconfig file and fills its placeholders", () => {
    const xml = `<clientConfig><emailProvider>
      <outgoingServer type="smtp"><hostname>smtp.%EMAILDOMAIN%</hostname><port>465</port><socketType>SSL</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>bad host&#13;&#10;RSET</hostname><port>25</port><socketType>plain</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>x.test</hostname><port>99999</port><socketType>STARTTLS</socketType></outgoingServer>
      <outgoingServer type="smtp"><hostname>y.test</hostname><port>587</port><socketType>magic</socketType></outgoingServer>
      <outgoingServer type="ews"><hostname>ews.test</hostname><port>443</port><socketType>SSL</socketType></outgoingServer>
    </emailProvider></clientConfig>`;
    expect(parseAutoconfig(xml, { domain: "corp.test", address: null }, "u").map((s) => [s.host, s.port, s.tls])).toEqual([["smtp.corp.test", 465, "implicit"]]);
  });
});

describe("the discovery HTTP client", () => {
  const fetcher = () => createHttpFetcher({ extraCaPem: web.caPem, connectTo: (h, p) => web.connectTo(h, p) });
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
      return "ok";
    } catch (e) {
      return e instanceof HttpFetchError ? e.code : String(e);
    }
  };

  it("refuses plain http unless a caller explicitly allows it", async () => {
    expect(await code(fetcher()({ url: "http://plain.test/file.xml", method: "GET", timeoutMs: 2000, maxBytes: 1024 }))).toBe("not-https");
    expect(await code(fetcher()({ url: "http://plain.test/file.xml", method: "GET", timeoutMs: 2000, maxBytes: 1024, allowPlainHttp: true }))).toBe("ok");
  });

  it("caps the response size", async () => {
    expect(await code(fetcher()({ url: "https://big.test/file.xml", method: "GET", timeoutMs: 2000, maxBytes: 256 * 1024 }))).toBe("too-large");
  });

  it("verifies the certificate against the URL's host name", async () => {
    const untrusting = createHttpFetcher({ connectTo: (h, p) => web.connectTo(h, p) });
    expect(await code(untrusting({ url: "https://big.test/file.xml", method: "GET", timeoutMs: 2000, maxBytes: 1024 * 1024 }))).toBe("tls");
    // The fixture's certificate does not name other.test, though the same server answers.
    expect(await code(fetcher()({ url: "https://other.test/file.xml", method: "GET", timeoutMs: 2000, maxBytes: 1024 }))).toBe("tls");
  });
});

describe("MX provider table", () => {
  it.each([
    ["aspmx.l.google.com", "smtp.gmail.com"],
    ["alt1.aspmx.l.googlemail.com.", "smtp.gmail.com"],
    ["contoso-com.mail.protection.outlook.com", "smtp.office365.com"],
    ["mta7.am0.yahoodns.net", "smtp.mail.yahoo.com"],
    ["mx01.mail.icloud.com", "smtp.mail.me.com"],
    ["mx.zoho.com", "smtp.zoho.com"],
    ["in1-smtp.messagingengine.com", "smtp.fastmail.com"],
  ])("%s → %s", (mx, host) => {
    expect(providerForMx(mx)?.submission[0]?.host).toBe(host);
  });

  it("matches whole labels only", () => {
    expect(providerForMx("notgoogle.com")).toBeNull();
    expect(providerForMx("mail.protection.outlook.com.evil.test")).toBeNull();
    expect(MX_PROVIDERS.every((p) => p.submission.every((s) => s.port === 465 || s.port === 587))).toBe(true);
  });
});
