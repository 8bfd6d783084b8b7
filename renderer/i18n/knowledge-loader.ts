import type { FindingTexts } from "../../shared/knowledge/finding-types";
import type {
  Explanation,
  KnowledgeBundle,
  KnowledgeFacts,
  LocaleMeta,
  ReplyClass,
  ReplyCodeText,
} from "../../shared/knowledge/types";
import { FALLBACK_LANGUAGE } from "./pick-language";

/**
 * The knowledge base for the renderer, loaded on demand per language (the JSON is large, so it
 * stays out of the initial bundle). Locales are discovered with import.meta.glob: a new folder
 * under shared/knowledge/locales/ is a new language, no code change.
 */

type Loader<T> = Record<string, () => Promise<T>>;

const locales = {
  meta: import.meta.glob<LocaleMeta>("../../shared/knowledge/locales/*/locale.json", { import: "default" }),
  replyCodes: import.meta.glob<Record<string, ReplyCodeText>>("../../shared/knowledge/locales/*/reply-codes.json", { import: "default" }),
  enhancedCodes: import.meta.glob<Record<string, Explanation>>("../../shared/knowledge/locales/*/enhanced-codes.json", { import: "default" }),
  providerReplies: import.meta.glob<Record<string, Explanation>>("../../shared/knowledge/locales/*/provider-replies.json", { import: "default" }),
  classes: import.meta.glob<Record<ReplyClass, Explanation>>("../../shared/knowledge/locales/*/classes.json", { import: "default" }),
  labels: import.meta.glob<Record<string, string>>("../../shared/knowledge/locales/*/labels.json", { import: "default" }),
};
/** Finding texts arrive later than the rest; a locale without them still works. */
const findingTexts = import.meta.glob<Partial<FindingTexts>>("../../shared/knowledge/locales/*/findings.json", { import: "default" });

function byLang<T>(loader: Loader<T>, lang: string): (() => Promise<T>) | undefined {
  const key = Object.keys(loader).find((path) => path.includes(`/locales/${lang}/`));
  return key ? loader[key] : undefined;
}

export function knowledgeLanguages(): string[] {
  return Object.keys(locales.meta)
    .map((path) => /locales\/([^/]+)\/locale\.json$/.exec(path)?.[1] ?? "")
    .filter(Boolean)
    .sort();
}

export interface LoadedKnowledge {
  facts: KnowledgeFacts;
  bundle: KnowledgeBundle;
  /** null when the locale has no findings.json (yet). */
  findings: Partial<FindingTexts> | null;
}

let factsPromise: Promise<KnowledgeFacts> | null = null;

export function loadFacts(): Promise<KnowledgeFacts> {
  factsPromise ??= Promise.all([
    import("../../shared/knowledge/data/reply-codes.json").then((m) => m.default),
    import("../../shared/knowledge/data/enhanced-codes.json").then((m) => m.default),
    import("../../shared/knowledge/data/provider-replies.json").then((m) => m.default),
  ]).then(([replyCodes, enhancedCodes, providerRules]) => ({ replyCodes, enhancedCodes, providerRules }) as unknown as KnowledgeFacts);
  return factsPromise;
}

const bundles = new Map<string, Promise<LoadedKnowledge>>();

async function load(lang: string): Promise<LoadedKnowledge> {
  const get = <T>(loader: Loader<T>): Promise<T> => {
    const fn = byLang(loader, lang);
    if (!fn) throw new Error(`Knowledge locale "${lang}" is incomplete.`);
    return fn();
  };
  const findingsLoader = byLang(findingTexts, lang);
  const [facts, meta, replyCodes, enhancedCodes, providerReplies, classes, labels, findings] = await Promise.all([
    loadFacts(),
    get(locales.meta),
    get(locales.replyCodes),
    get(locales.enhancedCodes),
    get(locales.providerReplies),
    get(locales.classes),
    get(locales.labels),
    findingsLoader ? findingsLoader() : Promise.resolve(null),
  ]);
  // A locale without findings.json still explains replies; findings then show id and params.
  const bundle: KnowledgeBundle = { lang, meta, replyCodes, enhancedCodes, providerReplies, classes, labels, findings: (findings ?? {}) as FindingTexts };
  return { facts, bundle, findings };
}

/** The knowledge of `lang`, or English where that language has no knowledge files. */
export function loadKnowledge(lang: string): Promise<LoadedKnowledge> {
  const chosen = knowledgeLanguages().includes(lang) ? lang : FALLBACK_LANGUAGE;
  let promise = bundles.get(chosen);
  if (!promise) {
    promise = load(chosen);
    // A failed load may be retried (e.g. after a network hiccup serving the chunk).
    promise.catch(() => bundles.delete(chosen));
    bundles.set(chosen, promise);
  }
  return promise;
}
