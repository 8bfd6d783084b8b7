import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBundle, KnowledgeFacts } from "../../shared/knowledge/types";
import { buildCodeIndex, searchCodes, type CodeEntry } from "./code-index";
import { realKnowledge } from "./knowledge-fixture";

let facts: KnowledgeFacts;
let en: KnowledgeBundle;
let index: CodeEntry[];
beforeAll(async () => {
  ({ facts, bundle: en } = await realKnowledge("en"));
  index = buildCodeIndex(facts, en);
});

describe("code reference index", () => {
  it("lists every basic code and every enhanced code of the knowledge base", () => {
    expect(index.filter((e) => e.kind === "basic").map((e) => e.code)).toEqual(facts.replyCodes.map((f) => f.code).sort());
    expect(index.filter((e) => e.kind === "enhanced")).toHaveLength(Object.keys(en.enhancedCodes).length);
    expect(index.find((e) => e.code === "550")).toMatchObject({ replyClass: "5xx", title: en.replyCodes["550"]?.title });
  });

  it("orders enhanced codes numerically", () => {
    const codes = index.filter((e) => e.kind === "enhanced").map((e) => e.code);
    const x110 = codes.indexOf("X.1.10");
    if (x110 >= 0) expect(x110).toBeGreaterThan(codes.indexOf("X.1.9"));
    expect(codes.indexOf("X.2.0")).toBeGreaterThan(codes.indexOf("X.1.1"));
  });

  it("finds codes by prefix, and a concrete enhanced code by its registry form", () => {
    expect(searchCodes(index, "55").every((e) => e.code.startsWith("55"))).toBe(true);
    expect(searchCodes(index, "550").map((e) => e.code)).toEqual(["550"]);
    expect(searchCodes(index, "5.7.1").map((e) => e.code)).toContain("X.7.1");
    expect(searchCodes(index, "")).toHaveLength(index.length);
  });

  it("finds codes by words, title matches first", async () => {
    const hits = searchCodes(index, "mailbox");
    expect(hits.length).toBeGreaterThan(0);
    const firstBodyOnly = hits.findIndex((e) => !e.title.toLowerCase().includes("mailbox"));
    const lastTitle = hits.map((e) => e.title.toLowerCase().includes("mailbox")).lastIndexOf(true);
    if (firstBodyOnly >= 0) expect(lastTitle).toBeLessThan(firstBodyOnly);
    const { bundle: ar } = await realKnowledge("ar");
    const arIndex = buildCodeIndex(facts, ar);
    const word = (ar.replyCodes["550"]?.title ?? "").split(/\s+/)[0] ?? "";
    expect(searchCodes(arIndex, word).map((e) => e.code)).toContain("550");
  });
});
