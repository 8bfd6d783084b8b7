import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PHASES } from "../../shared/contract/events";
import { FINDING_IDS } from "../../shared/contract/findings";
import { COMMAND_SHELLS } from "../../shared/knowledge/finding-types";
import { TLS_MODES } from "../../shared/contract/check-request";
import { OUTCOMES } from "../../shared/contract/check-result";
import { metaMessage } from "../model/timeline-text";
import { WATERFALL_GROUPS } from "../model/waterfall";
import { knowledgeLanguages, loadKnowledge } from "./knowledge-loader";
import { pickLanguage, primaryTag } from "./pick-language";
import { availableLanguages, UI_RESOURCES } from "./ui-resources";

/** Flattens nested strings to "a.b.c" keys; plural forms ("x_one", "x_other") count as "x". */
function keysOf(value: unknown, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (typeof value === "string") {
    const key = prefix.replace(/_(zero|one|two|few|many|other)$/, "");
    out.set(key, [...(out.get(key) ?? []), value]);
    return out;
  }
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [key, texts] of keysOf(child, prefix ? `${prefix}.${name}` : name)) out.set(key, [...(out.get(key) ?? []), ...texts]);
  }
  return out;
}

const placeholders = (texts: string[]) => [...new Set(texts.flatMap((text) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1])))].sort();

const en = keysOf(UI_RESOURCES["en"]);

describe("UI locales", () => {
  it("are discovered from shared/i18n/locales, English first, each with a name and direction", () => {
    expect(availableLanguages().map((l) => l.code)).toEqual(["en", ...Object.keys(UI_RESOURCES).filter((c) => c !== "en").sort()]);
    expect(availableLanguages().find((l) => l.code === "ar")).toEqual({ code: "ar", name: "العربية", dir: "rtl" });
  });

  for (const [lang, resource] of Object.entries(UI_RESOURCES)) {
    it(`${lang}: has every English key, no extra key, and the same placeholders`, () => {
      const keys = keysOf(resource);
      expect([...keys.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, texts] of en) {
        const translated = keys.get(key) ?? [];
        // A plural set may drop {{count}} in forms that spell the number ("one", "two").
        const want = placeholders(texts).filter((p) => p !== "count");
        expect(placeholders(translated).filter((p) => p !== "count"), `${lang} ${key}`).toEqual(want);
        for (const text of translated) expect(text.trim(), `${lang} ${key}`).not.toBe("");
      }
    });
  }

  it("has words for every value the views look up by name", () => {
    const need = [
      ...PHASES.map((p) => `phaseWait.${p}`),
      ...TLS_MODES.map((m) => `tls.${m}`),
      ...OUTCOMES.map((o) => `outcome.${o}`),
      ...WATERFALL_GROUPS.map((g) => `waterfall.group.${g}`),
      ...["running", "ok", "warning", "failed", "interrupted"].map((s) => `waterfall.state.${s}`),
      ...["error", "warning", "info"].map((s) => `severity.${s}`),
      ...["2xx", "3xx", "4xx", "5xx", "none"].map((b) => `badge.${b}`),
      ...COMMAND_SHELLS.map((s) => `shell.${s}`),
      ...["smtp", "tls-smtp", "not-smtp", "open-silent", "refused", "timeout", "unreachable", "closed"].map((s) => `probe.${s}`),
      ...["connecting", "open", "reconnecting", "failed"].map((s) => `connection.status.${s}`),
      ...["valid", "expiring", "expired", "not-yet-valid", "unknown"].map((s) => `certificate.validity.${s}`),
      ...["host", "helo", "from", "to", "authUser", "password", "timeouts", "extraCaPem", "form"].map((f) => `form.errors.${f}`),
    ];
    for (const key of need) expect(en.has(key), key).toBe(true);
    // Every connection-fact row has its sentence.
    const kinds = ["session.start", "dns.query", "dns.answer", "dns.error", "tcp.connecting", "tcp.connected", "tcp.error", "tls.start", "tls.established", "tls.error", "port.probe", "done"] as const;
    for (const kind of kinds) {
      for (const params of [{ count: 0, servername: "", verified: "no", banner: "" }, { count: 1, servername: "x", verified: "yes", banner: "220" }]) {
        const { key } = metaMessage({ type: "meta", kind, tone: "info", params, key: "0", seqs: [0], t: 0 });
        expect(en.has(key), key).toBe(true);
      }
    }
    expect(FINDING_IDS.length).toBeGreaterThan(0);
  });
});

describe("language choice", () => {
  it("keeps a saved choice, else follows the OS preferences, else English", () => {
    const available = ["ar", "en"];
    expect(pickLanguage("ar", ["en-US"], available)).toBe("ar");
    expect(pickLanguage("fr", ["ar-EG", "en"], available)).toBe("ar");
    expect(pickLanguage(null, ["de-DE", "en-GB"], available)).toBe("en");
    expect(pickLanguage(null, ["de"], available)).toBe("en");
    expect(primaryTag("AR_eg")).toBe("ar");
  });
});

describe("knowledge bundles for the renderer", () => {
  it("are discovered per language and loaded on demand", async () => {
    expect(knowledgeLanguages()).toEqual(expect.arrayContaining(["ar", "en"]));
    const ar = await loadKnowledge("ar");
    expect(ar.bundle.lang).toBe("ar");
    expect(ar.bundle.meta.dir).toBe("rtl");
    expect(Object.keys(ar.bundle.replyCodes).length).toBe(ar.facts.replyCodes.length);
    expect(ar.bundle.classes["5xx"].title.length).toBeGreaterThan(0);
  });

  it("falls back to English for a language without knowledge files", async () => {
    const loaded = await loadKnowledge("xx");
    expect(loaded.bundle.lang).toBe("en");
  });

  it("loads finding texts exactly when the locale has a findings.json, and copes without", async () => {
    for (const lang of knowledgeLanguages()) {
      const file = new URL(`../../shared/knowledge/locales/${lang}/findings.json`, import.meta.url);
      const loaded = await loadKnowledge(lang);
      expect(loaded.findings !== null, lang).toBe(existsSync(file));
      for (const text of Object.values(loaded.findings ?? {})) expect(Array.isArray(text?.checklist)).toBe(true);
    }
  });
});
