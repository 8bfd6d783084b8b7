import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  availableLocales,
  createKnowledgeStore,
  loadKnowledgeBundle,
  loadKnowledgeFacts,
  normalizeLang,
} from "./knowledge-store";

const knowledgeRoot = fileURLToPath(new URL("../../shared/knowledge/", import.meta.url));
const temp = mkdtempSync(path.join(tmpdir(), "ehlo-knowledge-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the real knowledge folder to modify. */
function copyKnowledge(name: string): string {
  const root = path.join(temp, name);
  cpSync(knowledgeRoot, root, { recursive: true, filter: (source) => !source.endsWith(".ts") });
  return root;
}

describe("knowledge store", () => {
  it("loads the facts and the English and Arabic bundles", () => {
    const facts = loadKnowledgeFacts();
    expect(facts.replyCodes).toHaveLength(45);
    expect(facts.enhancedCodes.length).toBeGreaterThan(0);
    expect(facts.providerRules.length).toBeGreaterThan(0);
    expect(availableLocales()).toEqual(expect.arrayContaining(["ar", "en"]));
    const ar = loadKnowledgeBundle("ar");
    expect(ar.meta).toEqual({ name: "العربية", dir: "rtl" });
    expect(ar.replyCodes["220"]?.variants?.STARTTLS?.title).toBe("جاهز لبدء TLS");
    expect(ar.classes["5xx"].title).toBe("إخفاق دائم");
    expect(loadKnowledgeBundle("en").labels["section.meaning"]).toBe("What it means");
    expect(ar.findings["tcp.refused"].checklist[0]?.commands?.["windows-powershell"]).toEqual(["Test-NetConnection {host} -Port {port}"]);
  });

  it("caches what it loaded", () => {
    expect(loadKnowledgeFacts()).toBe(loadKnowledgeFacts());
    expect(loadKnowledgeBundle("en")).toBe(loadKnowledgeBundle("en"));
  });

  it("understands locale spellings from the environment", () => {
    expect(normalizeLang("ar_EG.UTF-8")).toBe("ar");
    expect(normalizeLang("en-GB")).toBe("en");
    expect(normalizeLang("C.UTF-8")).toBe("");
    expect(loadKnowledgeBundle("ar_SA.UTF-8", { onFallback: () => undefined }).lang).toBe("ar");
  });

  it("falls back to English for a missing locale and says which ones exist", () => {
    const messages: string[] = [];
    const bundle = loadKnowledgeBundle("fr", { onFallback: (message) => messages.push(message) });
    expect(bundle.lang).toBe("en");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('"fr"');
    expect(messages[0]).toContain("ar, en");
  });

  it("discovers a new locale folder without code changes and ignores folders without locale.json", () => {
    const root = copyKnowledge("discover");
    const extra = path.join(root, "locales", "xx");
    cpSync(path.join(root, "locales", "en"), extra, { recursive: true });
    writeFileSync(path.join(extra, "locale.json"), JSON.stringify({ name: "Test", dir: "ltr" }));
    mkdirSync(path.join(root, "locales", "notes"));
    const store = createKnowledgeStore(root);
    expect(store.availableLocales()).toEqual(["ar", "en", "xx"]);
    expect(store.loadKnowledgeBundle("xx").meta.name).toBe("Test");
    expect(store.resolveLocale("notes").fallback).toBe(true);
  });

  it("names the broken file when data is invalid", () => {
    const root = copyKnowledge("broken");
    const file = path.join(root, "locales", "ar", "reply-codes.json");
    const texts = JSON.parse(readFileSync(file, "utf8")) as Record<string, { title: string }>;
    (texts["550"] as { title: string }).title = "";
    writeFileSync(file, JSON.stringify(texts));
    writeFileSync(path.join(root, "data", "enhanced-codes.json"), "{ not json");
    const store = createKnowledgeStore(root);
    expect(() => store.loadKnowledgeBundle("ar")).toThrow(/locales\/ar\/reply-codes\.json is invalid: 550\.title/);
    expect(() => store.loadKnowledgeFacts()).toThrow(/data\/enhanced-codes\.json cannot be read/);
    expect(store.loadKnowledgeBundle("en").lang).toBe("en");
  });

  it("refuses a findings.json that lacks a finding id", () => {
    const root = copyKnowledge("findings");
    const file = path.join(root, "locales", "ar", "findings.json");
    const findings = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete findings["tcp.timeout"];
    writeFileSync(file, JSON.stringify(findings));
    const store = createKnowledgeStore(root);
    expect(() => store.loadKnowledgeBundle("ar")).toThrow(/locales\/ar\/findings\.json is invalid: tcp\.timeout/);
    expect(store.loadKnowledgeBundle("en").findings["tcp.timeout"].title).toBeTruthy();
  });
});
