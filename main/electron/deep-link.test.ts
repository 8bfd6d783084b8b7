import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckPrefillSchema } from "../../shared/contract/desktop";
import { looksLikeDeepLink, MAX_DEEP_LINK_LENGTH, parseDeepLink } from "./deep-link";

const reasonOf = (link: string) => {
  const result = parseDeepLink(link);
  expect(result.ok, link).toBe(false);
  return result.ok ? "" : result.reason;
};

describe("parseDeepLink: links that pre-fill the form", () => {
  it("takes host, port, tls, helo, from and several to", () => {
    expect(parseDeepLink("ehlo://check?host=smtp.example.com&port=587&tls=starttls&helo=pc1.example.org&from=me@example.org&to=a@example.com&to=b@example.com")).toEqual({
      ok: true,
      prefill: { host: "smtp.example.com", port: 587, tls: "starttls", helo: "pc1.example.org", from: "me@example.org", to: ["a@example.com", "b@example.com"] },
    });
  });

  it("fills only what the link gives: no defaults are invented", () => {
    expect(parseDeepLink("ehlo://check?host=mx.example.com")).toEqual({ ok: true, prefill: { host: "mx.example.com" } });
  });

  it("accepts the trailing slash Windows adds, any case of scheme and action, and IPv6 in brackets", () => {
    expect(parseDeepLink("ehlo://check/?host=127.0.0.1&port=25")).toEqual({ ok: true, prefill: { host: "127.0.0.1", port: 25 } });
    expect(parseDeepLink("EHLO://Check?host=[::1]")).toEqual({ ok: true, prefill: { host: "::1" } });
  });

  it("keeps + in addresses and decodes %-escapes", () => {
    const result = parseDeepLink("ehlo://check?host=smtp.example.com&from=me+tag@example.org&to=caf%C3%A9@example.com");
    expect(result).toEqual({ ok: true, prefill: { host: "smtp.example.com", from: "me+tag@example.org", to: ["café@example.com"] } });
  });

  it("every accepted prefill satisfies the contract schema (property)", () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 65535 }), fc.constantFrom("auto", "starttls", "implicit", "none"), (labels, port, tls) => {
        const result = parseDeepLink(`ehlo://check?host=${labels.join(".")}&port=${port}&tls=${tls}`);
        expect(result.ok).toBe(true);
        if (result.ok) expect(CheckPrefillSchema.safeParse(result.prefill).success).toBe(true);
      }),
    );
  });
});

describe("parseDeepLink: hostile and broken links are refused with a reason", () => {
  it.each([
    ["CR/LF smuggled as escapes into the host", "ehlo://check?host=mx.example.com%0D%0AMAIL%20FROM:<x@evil>", /control or invisible/],
    ["LF in an address", "ehlo://check?host=mx.example.com&to=a@example.com%0Adata", /control or invisible/],
    ["NUL in the HELO name", "ehlo://check?host=mx.example.com&helo=a%00b", /control or invisible/],
    ["a raw line break, which URL parsing would silently drop", "ehlo://check?host=mx.exa\nmple.com", /control or invisible/],
    ["a bidi override that disguises the host", "ehlo://check?host=%E2%80%AEmoc.elpmaxe", /control or invisible/],
    ["javascript:", "javascript:alert(1)", /not an ehlo:\/\/ link/],
    ["another scheme", "https://check?host=mx.example.com", /not an ehlo:\/\/ link/],
    ["not a URL", "ehlo", /not a valid link/],
    ["an unknown action", "ehlo://send?host=mx.example.com", /unknown action/],
    ["a path after the action", "ehlo://check/../../etc?host=mx.example.com", /unknown action/],
    ["credentials in the authority", "ehlo://user:pw@check?host=mx.example.com", /user name, password or port/],
    ["an unknown parameter", "ehlo://check?host=mx.example.com&password=hunter2", /unknown parameter "password"/],
    ["an attempt to start sending", "ehlo://check?host=mx.example.com&send=true", /unknown parameter "send"/],
    ["a repeated single parameter", "ehlo://check?host=a.example.com&host=b.example.com", /more than once/],
    ["no host", "ehlo://check?port=25", /no host/],
    ["a bad port", "ehlo://check?host=mx.example.com&port=99999", /out of range/],
    ["a port that is not a number", "ehlo://check?host=mx.example.com&port=25abc", /not a number/],
    ["an unknown TLS mode", "ehlo://check?host=mx.example.com&tls=ssl3", /tls must be one of/],
    ["a host with a slash", "ehlo://check?host=mx.example.com%2Fx", /not a host name/],
    ["a malformed address", "ehlo://check?host=mx.example.com&from=nobody", /not a full e-mail address/],
    ["a broken %-escape", "ehlo://check?host=%E0%A4%A", /broken %-escape/],
    ["a fragment", "ehlo://check?host=mx.example.com#go", /fragment/],
  ])("%s", (_name, link, reason) => {
    expect(reasonOf(link)).toMatch(reason);
  });

  it("refuses a huge link before parsing it, and an overlong value through the schema", () => {
    expect(reasonOf(`ehlo://check?host=${"a".repeat(MAX_DEEP_LINK_LENGTH)}`)).toMatch(/too long/);
    expect(reasonOf(`ehlo://check?host=${"a".repeat(300)}.example.com`)).toMatch(/host/);
    const many = Array.from({ length: 101 }, (_, i) => `to=u${i}@e.io`).join("&");
    expect(many.length).toBeLessThan(MAX_DEEP_LINK_LENGTH);
    expect(reasonOf(`ehlo://check?host=mx.example.com&${many}`)).toMatch(/^to/);
  });

  it("never throws, whatever the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        const result = parseDeepLink(`ehlo://check?${tail}`);
        expect(typeof result.ok).toBe("boolean");
        if (result.ok) expect(CheckPrefillSchema.safeParse(result.prefill).success).toBe(true);
      }),
    );
  });
});

describe("looksLikeDeepLink", () => {
  it("recognises the scheme in any case, and nothing else", () => {
    expect(looksLikeDeepLink("ehlo://check?host=x")).toBe(true);
    expect(looksLikeDeepLink("EHLO:check")).toBe(true);
    expect(looksLikeDeepLink("ehlo.ehlo")).toBe(false);
    expect(looksLikeDeepLink("--ehlo:")).toBe(false);
  });
});
