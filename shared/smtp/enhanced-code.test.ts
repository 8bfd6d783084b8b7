import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  enhancedCodeAtStart,
  enhancedCodeForReply,
  enhancedLookupKeys,
  isEnhancedCode,
  parseEnhancedCode,
} from "./enhanced-code";

describe("enhanced status codes in reply text (RFC 3463 2, RFC 2034 4)", () => {
  it.each([
    ["5.7.1 Relay access denied", "5.7.1"],
    ["5.7.26 This mail is unauthenticated", "5.7.26"],
    ["#5.1.0 Address rejected", "5.1.0"], // old Exchange style
    ["5.1.1: Recipient address rejected", "5.1.1"],
    ["  4.7.0 TLS not available", "4.7.0"],
    ["2.0.0", "2.0.0"],
    ["5.7.999 x", "5.7.999"],
  ])("finds the code at the start of %j", (text, code) => {
    expect(enhancedCodeAtStart(text)?.enhanced.code).toBe(code);
  });

  it.each([
    "Relay access denied 5.7.1", // not at the start
    "5.7.1234 too many digits",
    "5.07.1 leading zero",
    "5.7.01 leading zero",
    "3.0.0 no class 3",
    "192.168.1.1 is an address",
    "5.7 missing detail",
    "",
  ])("finds nothing in %j", (text) => {
    expect(enhancedCodeAtStart(text)).toBeNull();
  });

  it("reports the prefix length so callers can strip it", () => {
    const found = enhancedCodeAtStart("#5.1.0 Address rejected");
    expect(found?.length).toBe("#5.1.0".length);
  });

  it("ignores an enhanced code whose class does not match the reply's first digit", () => {
    expect(enhancedCodeForReply(550, "5.7.1 denied")?.code).toBe("5.7.1");
    expect(enhancedCodeForReply(550, "2.0.0 Ok")).toBeNull();
    expect(enhancedCodeForReply(250, "5.0.0 odd")).toBeNull();
    expect(enhancedCodeForReply(354, "2.0.0 go ahead")).toBeNull(); // 3xx never carries one
  });

  it("parses bare codes strictly", () => {
    expect(parseEnhancedCode("4.2.2")).toEqual({ code: "4.2.2", cls: 4, subject: 2, detail: 2 });
    expect(parseEnhancedCode("4.2.2 text")).toBeNull();
    expect(isEnhancedCode("5.7.26")).toBe(true);
    expect(isEnhancedCode("6.1.1")).toBe(false);
  });

  it("orders lookup keys from the exact code to the class", () => {
    const code = parseEnhancedCode("5.7.26");
    expect(code && enhancedLookupKeys(code)).toEqual(["5.7.26", "X.7.26", "X.7.X", "5.X.X"]);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.integer({ min: 0, max: 999 }), (text, code) => {
        enhancedCodeAtStart(text);
        enhancedCodeForReply(code, text);
        parseEnhancedCode(text);
      }),
    );
  });

  it("finds every well-formed code with a matching class, whatever text follows", () => {
    const part = fc.integer({ min: 0, max: 999 });
    const follower = fc.oneof(
      fc.constant(""),
      fc.string({ maxLength: 60 }).map((text) => ` ${text}`),
      fc.constantFrom(": rejected", ", see above", "; retry"),
    );
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 5), part, part, follower, fc.boolean(), (cls, subject, detail, rest, hash) => {
        const code = `${cls}.${subject}.${detail}`;
        const found = enhancedCodeForReply(cls * 100 + 50, `${hash ? "#" : ""}${code}${rest}`);
        expect(found?.code).toBe(code);
      }),
    );
  });
});
