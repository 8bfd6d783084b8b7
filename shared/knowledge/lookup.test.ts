import { describe, expect, it } from "vitest";
import { compareCodes } from "./compare";
import {
  InvalidReplyError,
  briefExplanation,
  explainEnhancedCode,
  explainReply,
  isGenericEnhancedKey,
} from "./lookup";
import { parseReplyLines, readExplainInput, replyPhaseOf } from "./reply-input";
import { LAYER_KINDS, type KnowledgeBundle, type KnowledgeFacts, type ReplyPhase } from "./types";
import { loadKnowledgeBundle, loadKnowledgeFacts } from "../../main/services/knowledge-store";

// The real data files through the real loader (shared stays pure; only the test reads disk).
const facts: KnowledgeFacts = loadKnowledgeFacts();
const bundleOf = (lang: string): KnowledgeBundle => loadKnowledgeBundle(lang);
const en = bundleOf("en");
const ar = bundleOf("ar");

const explain = (lines: string[], phase?: ReplyPhase) => explainReply(facts, en, { lines, phase });
const kinds = (lines: string[], phase?: ReplyPhase) => explain(lines, phase).map((layer) => layer.kind);
const keys = (lines: string[], phase?: ReplyPhase) => explain(lines, phase).map((layer) => layer.key);

describe("explainReply precedence", () => {
  const gmail = [
    "550-5.7.26 This mail is unauthenticated, which poses a security risk to the",
    "550-5.7.26 sender and Gmail users, and has been blocked. The sender must",
    "550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,",
    "550-5.7.26 DKIM checks did not pass and SPF check for [example.com] did not",
    "550-5.7.26 pass with ip: [192.0.2.1]. The sender should visit",
    "550-5.7.26  https://support.google.com/mail/answer/81126#authentication for",
    "550 5.7.26 instructions on setting up authentication. a1si123 - gsmtp",
  ];

  it("goes provider → enhanced → phase → code → class", () => {
    expect(kinds(gmail, "DATA-END")).toEqual(["provider", "enhanced", "phase", "code", "class"]);
    expect(keys(gmail, "DATA-END")).toEqual(["gmail.5.7.26-unauthenticated", "X.7.26", "550@DATA-END", "550", "5xx"]);
  });

  it("orders layers by kind for every provider example, and finds each rule from its own example", () => {
    for (const rule of facts.providerRules) {
      const layers = explainReply(facts, en, { lines: rule.example.split("\n") });
      // A generic enhanced code ("X.7.0", "X.7.X") ranks below the basic code on purpose.
      const order = layers
        .filter((layer) => !(layer.kind === "enhanced" && isGenericEnhancedKey(layer.key)))
        .map((layer) => LAYER_KINDS.indexOf(layer.kind));
      expect(order, rule.id).toEqual([...order].sort((a, b) => a - b));
      expect(layers.filter((l) => l.kind === "provider").map((l) => l.key), rule.id).toContain(rule.id);
      expect(layers.at(-1)?.kind, rule.id).toBe("class");
    }
  });

  it("uses the enhanced detail, then the subject, then the class", () => {
    expect(keys(["550 5.1.1 no such user here"])).toContain("X.1.1");
    expect(keys(["550 5.1.99 odd detail"])).toContain("X.1.X");
    expect(keys(["550 5.9.9 odd subject"])).toContain("5.X.X");
  });

  it("ranks a generic enhanced code below the basic code", () => {
    expect(keys(["220 2.0.0 Ready to start TLS"], "STARTTLS")).toEqual(["220@STARTTLS", "220", "X.0.0", "2xx"]);
    expect(keys(["550 5.9.9 odd subject"])).toEqual(["550", "5.X.X", "5xx"]);
    expect(keys(["250 2.1.5 Ok"], "RCPT")).toEqual(["X.1.5", "250@RCPT", "250", "2xx"]);
  });

  it("puts a generic server wording before the enhanced code", () => {
    expect(keys(["530 5.7.0 Must issue a STARTTLS command first, please"], "MAIL")).toEqual([
      "530#starttls-required",
      "530@MAIL",
      "530",
      "X.7.0",
      "5xx",
    ]);
    expect(keys(["530 5.7.0 Authentication required"], "MAIL")).toEqual(["530@MAIL", "530", "X.7.0", "5xx"]);
    expect(keys(["550 5.7.1 Relay access denied"])).toEqual(["550#relay-denied", "X.7.1", "550", "5xx"]);
  });

  it("ignores an enhanced code whose class does not match the reply", () => {
    expect(kinds(["550 2.0.0 Ok, odd server"])).toEqual(["code", "class"]);
  });
});

describe("phase sensitivity", () => {
  const title = (lines: string[], phase?: ReplyPhase) => explain(lines, phase)[0]?.explanation.title;

  it("tells the 220 greeting from the answer to STARTTLS", () => {
    expect(title(["220 mx.example.com ESMTP Postfix"], "CONNECT")).toBe("Greeting: service ready");
    expect(title(["220 2.0.0 Ready to start TLS"], "STARTTLS")).toBe("Ready to start TLS");
    expect(title(["220 mx.example.com ESMTP"])).toBe("Service ready");
  });

  it("tells 250 after EHLO from 250 after RCPT", () => {
    expect(title(["250-mx.example.com", "250-STARTTLS", "250 SIZE 10240000"], "EHLO")).toBe("Hello accepted, extensions listed");
    expect(title(["250 Ok"], "RCPT")).toBe("Recipient accepted");
  });

  it("tells 554 at connection time from 554 after the data", () => {
    expect(title(["554 mx.example.com ESMTP not accepting connections"], "CONNECT")).toBe("No SMTP service for this client");
    expect(title(["554 5.6.0 Message rejected"], "DATA-END")).not.toBe(title(["554 No SMTP service"], "CONNECT"));
    expect(keys(["554 5.6.0 Message rejected"], "DATA-END")).toContain("554@DATA-END");
  });

  it("falls back from HELO to the EHLO variant, and to the general text for other phases", () => {
    expect(keys(["501 5.5.2 Invalid hostname"], "HELO")).toContain("501@EHLO");
    expect(kinds(["250 ok"], "NOOP")).toEqual(["code", "class"]);
  });
});

describe("unknown codes fall back to their class", () => {
  it.each([
    ["299 something new", "2xx"],
    ["599 no idea", "5xx"],
    ["460 maybe later", "4xx"],
  ])("%s → %s", (line, cls) => {
    expect(keys([line])).toEqual([cls]);
  });

  it("never returns an empty explanation", () => {
    for (let code = 200; code < 600; code += 1) {
      expect(explain([`${code} text`]).length, String(code)).toBeGreaterThan(0);
    }
  });

  it("rejects input that is not a reply", () => {
    expect(() => explain(["hello world"])).toThrow(InvalidReplyError);
    expect(() => explain([])).toThrow(InvalidReplyError);
    expect(() => explain(["999 nope"])).toThrow(InvalidReplyError);
  });
});

describe("parsing pasted replies", () => {
  it("reads multiline replies with the enhanced code on continuation lines", () => {
    const reply = parseReplyLines(["550-5.7.26 This mail is unauthenticated,", "550 5.7.26 which poses a risk"]);
    expect(reply).toMatchObject({ code: 550, enhanced: "5.7.26", text: "This mail is unauthenticated, which poses a risk" });
  });

  it("accepts one string with line breaks, transcript arrows, wrapped text and the Exchange # form", () => {
    expect(parseReplyLines(["<-  550-5.1.1 first\r\n<-  550 5.1.1 second"])).toMatchObject({ enhanced: "5.1.1", text: "first second" });
    expect(parseReplyLines(["550 5.7.1 wrapped", "continuation text"])?.text).toBe("wrapped continuation text");
    expect(parseReplyLines(["550 #5.1.0 Address rejected"])).toMatchObject({ enhanced: "5.1.0", text: "Address rejected" });
    expect(parseReplyLines(["250"])).toMatchObject({ code: 250, enhanced: null, text: "" });
  });

  it("classifies free input", () => {
    expect(readExplainInput(["251"])).toEqual({ kind: "code", code: "251" });
    expect(readExplainInput(["5.7.1"])).toEqual({ kind: "enhanced", code: "5.7.1" });
    expect(readExplainInput(["550", "5.7.1", "Relay", "access", "denied"])).toMatchObject({
      kind: "reply",
      reply: { code: 550, enhanced: "5.7.1", text: "Relay access denied" },
    });
    expect(readExplainInput(["550-5.7.26 a", "550 5.7.26 b"])).toMatchObject({ kind: "reply", reply: { text: "a b" } });
    expect(readExplainInput(["999x"])).toBeNull();
    expect(readExplainInput(["6.1.1"])).toBeNull();
  });

  it("maps the engine's replyTo to a phase", () => {
    expect(replyPhaseOf(null)).toBe("CONNECT");
    expect(replyPhaseOf("RCPT")).toBe("RCPT");
    expect(replyPhaseOf("AUTH-RESPONSE")).toBe("AUTH");
    expect(replyPhaseOf("DATA-END")).toBe("DATA-END");
    expect(replyPhaseOf("XYZZY")).toBeUndefined();
  });
});

describe("brief explanations and enhanced codes", () => {
  it("gives one line from the most specific layer", () => {
    const brief = briefExplanation(facts, en, { lines: ["250 2.0.0 Ok"], phase: "RCPT" });
    expect(brief).toBe("Recipient accepted: The server accepted this recipient for the message.");
    expect(briefExplanation(facts, ar, { lines: ["250 2.0.0 Ok"], phase: "RCPT" })).toMatch(/^قُبل المستلم: /);
    expect(briefExplanation(facts, en, { lines: ["599 x"] })).not.toContain("\n");
  });

  it("explains a bare enhanced code down to its class", () => {
    expect(explainEnhancedCode(facts, en, "5.7.1").map((l) => l.key)).toEqual(["X.7.1", "5xx"]);
    expect(explainEnhancedCode(facts, en, "4.4.99").map((l) => l.key)).toEqual(["X.4.X", "4xx"]);
  });
});

describe("compareCodes", () => {
  it("sees two success codes as needing no action", () => {
    const result = compareCodes(facts, en, "220", "251");
    expect(result.needsAction).toEqual([]);
    expect(result.differences.find((d) => d.aspect === "class")?.same).toBe(true);
    expect(result.differences.find((d) => d.aspect === "phases")).toMatchObject({ same: false });
    expect(result.a.explanation.title).toBe("Service ready");
    expect(result.verdict.join(" ")).toMatch(/Neither needs action/);
  });

  it("tells temporary from permanent and success from failure", () => {
    const deferred = compareCodes(facts, en, "450", "550");
    expect(deferred.differences.find((d) => d.aspect === "permanence")).toMatchObject({ same: false });
    expect(deferred.needsAction).toEqual(["450", "550"]);
    const mixed = compareCodes(facts, en, "250", "550");
    expect(mixed.differences.find((d) => d.aspect === "outcome")).toMatchObject({ same: false, a: "success", b: "failure" });
    expect(mixed.needsAction).toEqual(["550"]);
    expect(mixed.verdict[0]).toBe("550 needs action; 250 does not.");
  });

  it("compares enhanced codes and unknown codes by class", () => {
    const result = compareCodes(facts, en, "4.2.2", "5.2.2");
    expect(result.a.kind).toBe("enhanced");
    expect(result.differences.map((d) => d.aspect)).not.toContain("phases");
    expect(compareCodes(facts, en, "299", "250").a.known).toBe(false);
    expect(() => compareCodes(facts, en, "999x", "250")).toThrow(RangeError);
  });

  it("speaks the bundle's language", () => {
    const result = compareCodes(facts, ar, "220", "251");
    expect(result.verdict[0]).toMatch(/[\u0600-\u06FF]/);
    expect(result.differences.find((d) => d.aspect === "class")?.a).toBe("2xx نجاح");
  });
});
