import type { KnowledgeBundle, KnowledgeFacts, ReplyClass } from "../../shared/knowledge/types";

/**
 * The code reference's searchable list (pure): every basic reply code (RFC 5321 4.2) and every
 * enhanced status code (RFC 3463) the knowledge base explains, with its localised title.
 */
export interface CodeEntry {
  code: string;
  kind: "basic" | "enhanced";
  title: string;
  description: string;
  /** Class by first digit; enhanced entries written "X.7.1" belong to no single class. */
  replyClass: ReplyClass | null;
}

function classOf(code: string): ReplyClass | null {
  const digit = code.charAt(0);
  return digit === "2" || digit === "3" || digit === "4" || digit === "5" ? (`${digit}xx` as ReplyClass) : null;
}

/** Orders "X.1.1" < "X.1.10" < "X.2.0" and "5.X.X" before details, numerically. */
function enhancedSortKey(code: string): number[] {
  return code.split(".").map((part) => (part === "X" ? -1 : Number(part)));
}

function compareEnhanced(a: string, b: string): number {
  const ka = enhancedSortKey(a);
  const kb = enhancedSortKey(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const diff = (ka[i] ?? -2) - (kb[i] ?? -2);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function buildCodeIndex(facts: KnowledgeFacts, bundle: KnowledgeBundle): CodeEntry[] {
  const basic = facts.replyCodes
    .map((entry) => entry.code)
    .sort()
    .flatMap((code): CodeEntry[] => {
      const text = bundle.replyCodes[code];
      return text ? [{ code, kind: "basic", title: text.title, description: text.description, replyClass: classOf(code) }] : [];
    });
  const enhanced = Object.keys(bundle.enhancedCodes)
    .sort(compareEnhanced)
    .flatMap((code): CodeEntry[] => {
      const text = bundle.enhancedCodes[code];
      return text ? [{ code, kind: "enhanced", title: text.title, description: text.description, replyClass: classOf(code) }] : [];
    });
  return [...basic, ...enhanced];
}

/** Lower case without diacritics (Latin accents, Arabic harakat), so "récipient" finds "recipient". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "").toLowerCase();
}

/**
 * Search by code ("55", "550", "5.7.1", which also finds the registry's "X.7.1") or by words
 * in the title and description. Code matches come first.
 */
export function searchCodes(index: readonly CodeEntry[], query: string): CodeEntry[] {
  const q = query.trim();
  if (q === "") return [...index];
  if (/^[\dxX.]+$/.test(q)) {
    const asRegistry = q.replace(/^[245](?=\.)/, "X").toUpperCase();
    return index.filter((entry) => entry.code.startsWith(q) || entry.code.toUpperCase().startsWith(asRegistry));
  }
  const words = fold(q).split(/\s+/).filter(Boolean);
  const scored = index.flatMap((entry) => {
    const title = fold(entry.title);
    const body = `${title} ${fold(entry.description)}`;
    if (!words.every((word) => body.includes(word))) return [];
    const inTitle = words.every((word) => title.includes(word));
    return [{ entry, score: inTitle ? 0 : 1 }];
  });
  return scored.sort((a, b) => a.score - b.score).map((item) => item.entry);
}
