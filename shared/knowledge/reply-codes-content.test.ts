import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTORS, REPLY_CLASSES, REPLY_PHASES, type Explanation, type ReplyCodeFacts, type ReplyCodeText } from "./types";

/**
 * Completeness of the basic reply-code knowledge (architecture convention 7): every code of the
 * reference list has facts and a text in every locale folder found, nothing is empty, and a
 * translation is really a translation.
 */

const here = (relative: string) => new URL(relative, import.meta.url);
const readJson = <T>(relative: string): T => JSON.parse(readFileSync(here(relative), "utf8")) as T;

/**
 * The 45 codes of the project's reference list (RFC 5321 4.2.3 and the extension RFCs: AUTH,
 * STARTTLS, ETRN/ATRN, RFC 7504/7505 and the IANA enhanced-status registry's basic codes).
 */
const REFERENCE_CODES = [
  "211", "214", "220", "221", "235", "250", "251", "252", "253", "334", "354", "355", "421", "422", "430",
  "432", "450", "451", "452", "453", "454", "455", "458", "459", "500", "501", "502", "503", "504", "521",
  "523", "524", "525", "530", "533", "534", "535", "538", "550", "551", "552", "553", "554", "555", "556",
];

const facts = readJson<ReplyCodeFacts[]>("./data/reply-codes.json");
const locales = readdirSync(here("./locales/"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(here(`./locales/${entry.name}/locale.json`)))
  .map((entry) => entry.name);
const replyTexts = (lang: string) => readJson<Record<string, ReplyCodeText>>(`./locales/${lang}/reply-codes.json`);
const FIELDS = ["title", "description", "whenSeen", "howToFix"] as const;

/** Every explanation of a code: the general one, per-phase variants and text variants. */
function explanations(text: ReplyCodeText): [string, Explanation][] {
  return [
    ["general", text],
    ...Object.entries(text.variants ?? {}).map(([phase, e]) => [`@${phase}`, e] as [string, Explanation]),
    ...Object.entries(text.textVariants ?? {}).map(([id, e]) => [`#${id}`, e] as [string, Explanation]),
  ];
}

/** Text made only of code tokens (EHLO, 5.7.1, DATA-END …) needs no translation. */
const onlyCodeTokens = (text: string) => /^[A-Z0-9 .\-/<>#:,]+$/.test(text);

describe("reply-code knowledge content", () => {
  it("finds English and Arabic among the locales", () => {
    expect(locales).toEqual(expect.arrayContaining(["en", "ar"]));
  });

  it("has facts for exactly the 45 codes of the reference list", () => {
    expect(REFERENCE_CODES).toHaveLength(45);
    expect(facts.map((f) => f.code).sort()).toEqual([...REFERENCE_CODES].sort());
  });

  it("has valid, non-duplicated facts", () => {
    expect(new Set(facts.map((f) => f.code)).size).toBe(facts.length);
    for (const f of facts) {
      expect(f.code, f.code).toMatch(/^[2-5]\d\d$/);
      expect(f.rfc.length, f.code).toBeGreaterThan(0);
      expect(f.phases.length, f.code).toBeGreaterThan(0);
      for (const phase of [...f.phases, ...f.variantPhases]) expect(REPLY_PHASES, f.code).toContain(phase);
      for (const actor of f.actors) expect(ACTORS, f.code).toContain(actor);
      // A variant explains the code in a phase where it actually occurs.
      for (const phase of f.variantPhases) expect(f.phases, `${f.code}@${phase}`).toContain(phase);
      // Success and "go on" replies ask nobody to act; failures always name someone.
      if (f.code.startsWith("2") || f.code.startsWith("3")) expect(f.actors, f.code).toEqual([]);
      else if (!["453"].includes(f.code)) expect(f.actors.length, f.code).toBeGreaterThan(0);
      for (const variant of f.textVariants ?? []) {
        expect(() => new RegExp(variant.pattern, "i"), `${f.code}#${variant.id}`).not.toThrow();
      }
    }
  });

  it("has per-phase variants where the meaning differs", () => {
    const variantsOf = (code: string) => facts.find((f) => f.code === code)?.variantPhases ?? [];
    expect(variantsOf("220")).toEqual(expect.arrayContaining(["CONNECT", "STARTTLS"]));
    expect(variantsOf("250")).toEqual(expect.arrayContaining(["EHLO", "MAIL", "RCPT", "DATA-END"]));
    expect(variantsOf("334")).toContain("AUTH");
    expect(variantsOf("354")).toContain("DATA");
    expect(variantsOf("421")).toContain("CONNECT");
    expect(variantsOf("530")).toEqual(expect.arrayContaining(["MAIL", "RCPT", "AUTH"]));
    expect(variantsOf("535")).toContain("AUTH");
    expect(variantsOf("550")).toEqual(expect.arrayContaining(["MAIL", "RCPT", "DATA-END"]));
    expect(variantsOf("554")).toEqual(expect.arrayContaining(["CONNECT", "RCPT", "DATA-END"]));
  });

  describe.each(locales)("locale %s", (lang) => {
    const texts = replyTexts(lang);

    it("has locale metadata", () => {
      const meta = readJson<{ name: string; dir: string }>(`./locales/${lang}/locale.json`);
      expect(meta.name.length).toBeGreaterThan(0);
      expect(["ltr", "rtl"]).toContain(meta.dir);
    });

    it("explains every code, with exactly the variants the facts declare", () => {
      expect(Object.keys(texts).sort()).toEqual(facts.map((f) => f.code).sort());
      for (const f of facts) {
        const text = texts[f.code] as ReplyCodeText;
        expect(Object.keys(text.variants ?? {}).sort(), f.code).toEqual([...f.variantPhases].sort());
        const ids = (f.textVariants ?? []).map((v) => v.id).sort();
        expect(Object.keys(text.textVariants ?? {}).sort(), f.code).toEqual(ids);
      }
    });

    it("leaves no field empty", () => {
      for (const [code, text] of Object.entries(texts)) {
        for (const [where, explanation] of explanations(text)) {
          for (const field of FIELDS) expect(explanation[field]?.trim().length, `${code} ${where} ${field}`).toBeGreaterThan(0);
        }
      }
    });

    it("explains every reply class and has the same labels as English", () => {
      const classes = readJson<Record<string, Explanation>>(`./locales/${lang}/classes.json`);
      expect(Object.keys(classes).sort()).toEqual([...REPLY_CLASSES].sort());
      for (const [cls, e] of Object.entries(classes)) {
        for (const field of FIELDS) expect(e[field].trim().length, `${cls} ${field}`).toBeGreaterThan(0);
      }
      const labels = readJson<Record<string, string>>(`./locales/${lang}/labels.json`);
      const english = readJson<Record<string, string>>("./locales/en/labels.json");
      expect(Object.keys(labels).sort()).toEqual(Object.keys(english).sort());
      for (const phase of REPLY_PHASES) expect(labels[`phase.${phase}`], phase).toBeTruthy();
      for (const actor of ACTORS) expect(labels[`actor.${actor}`], actor).toBeTruthy();
    });
  });

  describe.each(locales.filter((lang) => lang !== "en"))("translation %s", (lang) => {
    const english = replyTexts("en");
    const texts = replyTexts(lang);

    it("translates every field (identical only for pure code tokens)", () => {
      for (const [code, text] of Object.entries(texts)) {
        const englishByPlace = new Map(explanations(english[code] as ReplyCodeText));
        for (const [where, explanation] of explanations(text)) {
          for (const field of FIELDS) {
            const value = explanation[field];
            if (onlyCodeTokens(value)) continue;
            expect(value, `${code} ${where} ${field}`).not.toBe(englishByPlace.get(where)?.[field]);
          }
        }
      }
      const labels = readJson<Record<string, string>>(`./locales/${lang}/labels.json`);
      const englishLabels = readJson<Record<string, string>>("./locales/en/labels.json");
      for (const [key, value] of Object.entries(labels)) {
        if (onlyCodeTokens(value) || value === "{provider}") continue;
        expect(value, key).not.toBe(englishLabels[key]);
      }
    });
  });

  it("writes Arabic in Arabic script while keeping codes and commands in Latin", () => {
    const arabic = replyTexts("ar");
    for (const [code, text] of Object.entries(arabic)) {
      for (const [where, explanation] of explanations(text)) {
        for (const field of FIELDS) expect(explanation[field], `${code} ${where} ${field}`).toMatch(/[\u0600-\u06FF]/);
      }
    }
    expect(arabic["530"]?.textVariants?.["starttls-required"]?.description).toContain("STARTTLS");
    expect(arabic["550"]?.description).toContain("5.7.1");
  });
});
