import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ACTORS } from "./types";
import type { EnhancedCodeFacts, Explanation } from "./types";

/**
 * Completeness checks for the enhanced status code knowledge (architecture convention 7):
 * every code of the IANA registry (RFC 3463 structure) plus the class and subject fallbacks
 * must have facts and an explanation in every locale folder.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const REFERENCE_FILE = join("shared", "reference", "smtp-enhanced-codes.json");

interface ReferenceEntry {
  code: string;
  rfc: string[];
  associated_basic_codes?: string[];
}
interface Reference {
  enhanced_status_codes: ReferenceEntry[];
  class_sub_codes: ReferenceEntry[];
  subject_sub_codes: ReferenceEntry[];
}

/**
 * The reference data lives in a `shared/` folder beside the repository (CI copies it next to the
 * clone), so walk up from this file until a parent holds shared/reference/.
 */
function findReference(): string {
  const looked: string[] = [];
  let dir = HERE;
  for (;;) {
    const candidate = join(dir, REFERENCE_FILE);
    looked.push(candidate);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `Reference data not found: expected ${REFERENCE_FILE} in the folder that contains the ` +
      `repository (the sibling shared/ folder). Looked at:\n  ${looked.join("\n  ")}`,
  );
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

const reference = readJson<Reference>(findReference());
const facts = readJson<EnhancedCodeFacts[]>(join(HERE, "data", "enhanced-codes.json"));
const LOCALES_DIR = join(HERE, "locales");
const locales = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const referenceByKind: Record<EnhancedCodeFacts["kind"], ReferenceEntry[]> = {
  detail: reference.enhanced_status_codes,
  class: reference.class_sub_codes,
  subject: reference.subject_sub_codes,
};
const allReference = Object.entries(referenceByKind).flatMap(([kind, entries]) =>
  entries.map((entry) => ({ kind: kind as EnhancedCodeFacts["kind"], entry })),
);
const factCodes = facts.map((f) => f.code);

const FACT_KEYS = ["actors", "basicCodes", "code", "kind", "rfc"];
const EXPLANATION_KEYS = ["description", "howToFix", "title", "whenSeen"] as const;
/** Used where the registry names no basic code: the reply classes the defining RFC allows. */
const CLASS_PATTERNS = new Set(["any", "2XX", "4XX", "5XX"]);
/** Locales whose texts must be written in a given script (not left in Latin letters). */
const SCRIPTS: Record<string, RegExp> = { ar: /[\u0621-\u064A]/ };

/** Enhanced code syntax, RFC 3463 2, with "X" standing for a class or subject wildcard. */
const CODE_SYNTAX = /^(?:[245X])\.(?:X|0|[1-9]\d{0,2})\.(?:X|0|[1-9]\d{0,2})$/;

describe("enhanced code reference", () => {
  it("has registry, class and subject codes to check against", () => {
    expect(reference.enhanced_status_codes.length).toBeGreaterThan(0);
    expect(reference.class_sub_codes.map((e) => e.code)).toEqual(["2.X.X", "4.X.X", "5.X.X"]);
    expect(reference.subject_sub_codes.length).toBe(8);
  });
});

describe("data/enhanced-codes.json", () => {
  it("lists every registry, class and subject code exactly once and nothing else", () => {
    expect(new Set(factCodes).size).toBe(factCodes.length);
    expect([...factCodes].sort()).toEqual(allReference.map(({ entry }) => entry.code).sort());
  });

  it("gives each entry exactly the declared keys, a valid code and the right kind", () => {
    const problems: string[] = [];
    for (const fact of facts) {
      const keys = Object.keys(fact).sort();
      if (keys.join() !== FACT_KEYS.join()) problems.push(`${fact.code}: keys ${keys.join()}`);
      if (!CODE_SYNTAX.test(fact.code)) problems.push(`${fact.code}: bad code syntax`);
      const expected = allReference.find(({ entry }) => entry.code === fact.code);
      if (expected && expected.kind !== fact.kind) {
        problems.push(`${fact.code}: kind ${fact.kind}, expected ${expected.kind}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("copies rfc from the reference and never leaves rfc or basicCodes empty", () => {
    const problems: string[] = [];
    for (const { entry } of allReference) {
      const fact = facts.find((f) => f.code === entry.code);
      if (!fact) continue; // reported by the completeness test
      if (fact.rfc.length === 0) problems.push(`${fact.code}: empty rfc`);
      if (JSON.stringify(fact.rfc) !== JSON.stringify(entry.rfc)) {
        problems.push(`${fact.code}: rfc ${fact.rfc.join()} differs from reference ${entry.rfc.join()}`);
      }
      if (fact.basicCodes.length === 0) problems.push(`${fact.code}: empty basicCodes`);
      if (fact.basicCodes.some((b) => b.trim() === "")) problems.push(`${fact.code}: blank basic code`);
    }
    expect(problems).toEqual([]);
  });

  it("takes basicCodes from the registry, or a class pattern where the registry names none", () => {
    const problems: string[] = [];
    for (const { kind, entry } of allReference) {
      const fact = facts.find((f) => f.code === entry.code);
      if (!fact) continue;
      const registry = entry.associated_basic_codes ?? [];
      if (registry.length > 0) {
        if (JSON.stringify(fact.basicCodes) !== JSON.stringify(registry)) {
          problems.push(`${fact.code}: basicCodes ${fact.basicCodes.join()} != registry ${registry.join()}`);
        }
      } else if (kind === "class") {
        // RFC 3463 2: the enhanced class must match the first digit of the basic reply code.
        const expected = `${entry.code[0] ?? ""}XX`;
        if (fact.basicCodes.join() !== expected) problems.push(`${fact.code}: expected [${expected}]`);
      } else if (!fact.basicCodes.every((b) => CLASS_PATTERNS.has(b))) {
        problems.push(`${fact.code}: ${fact.basicCodes.join()} is not a class pattern`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("names only known actors, each at most once", () => {
    const known = new Set<string>(ACTORS);
    const problems: string[] = [];
    for (const fact of facts) {
      if (new Set(fact.actors).size !== fact.actors.length) problems.push(`${fact.code}: duplicate actor`);
      for (const actor of fact.actors) {
        if (!known.has(actor)) problems.push(`${fact.code}: unknown actor ${actor}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

function loadLocale(lang: string): Record<string, Explanation> {
  const path = join(LOCALES_DIR, lang, "enhanced-codes.json");
  if (!existsSync(path)) throw new Error(`locales/${lang}/enhanced-codes.json is missing`);
  return readJson<Record<string, Explanation>>(path);
}

describe("locales/*/enhanced-codes.json", () => {
  it("finds the English locale among the locale folders", () => {
    expect(locales).toContain("en");
  });

  describe.each(locales)("%s", (lang) => {
    it("explains every code of the facts file and no other", () => {
      const texts = loadLocale(lang);
      expect(Object.keys(texts).sort()).toEqual([...factCodes].sort());
    });

    it("has exactly title, description, whenSeen and howToFix, none of them empty", () => {
      const texts = loadLocale(lang);
      const problems: string[] = [];
      for (const [code, explanation] of Object.entries(texts)) {
        const keys = Object.keys(explanation).sort();
        if (keys.join() !== EXPLANATION_KEYS.join()) problems.push(`${code}: keys ${keys.join()}`);
        for (const key of EXPLANATION_KEYS) {
          const value: unknown = explanation[key];
          if (typeof value !== "string" || value.trim() === "") problems.push(`${code}.${key}: empty`);
        }
      }
      expect(problems).toEqual([]);
    });

    if (lang !== "en") {
      it("translates every field instead of copying the English", () => {
        const texts = loadLocale(lang);
        const english = loadLocale("en");
        const problems: string[] = [];
        for (const [code, explanation] of Object.entries(texts)) {
          for (const key of EXPLANATION_KEYS) {
            if (explanation[key] === english[code]?.[key]) problems.push(`${code}.${key}`);
          }
        }
        expect(problems).toEqual([]);
      });
    }

    const script = SCRIPTS[lang];
    if (script) {
      it("writes every field in the locale's own script", () => {
        const texts = loadLocale(lang);
        const problems: string[] = [];
        for (const [code, explanation] of Object.entries(texts)) {
          for (const key of EXPLANATION_KEYS) {
            if (!script.test(explanation[key])) problems.push(`${code}.${key}`);
          }
        }
        expect(problems).toEqual([]);
      });
    }
  });
});
