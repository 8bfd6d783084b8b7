import { enhancedLookupKeys, parseEnhancedCode } from "../smtp/enhanced-code";
import { matchProviderRules } from "./match-provider";
import { parseReplyLines } from "./reply-input";
import type {
  Actor,
  Explanation,
  ExplanationLayer,
  KnowledgeBundle,
  KnowledgeFacts,
  ReplyClass,
  ReplyCodeFacts,
  ReplyPhase,
} from "./types";

/**
 * Explaining a reply from the knowledge base, most specific first (pure):
 *   provider rule → server wording (text variant) → enhanced code (detail → subject → class)
 *   → basic code in this phase → basic code → reply class,
 * except that a generic enhanced code (see isGenericEnhancedKey) ranks below the basic code.
 * The class layer is always present, so an explanation is never empty (RFC 5321 4.2.1: a client
 * must be able to act on the first digit of any code, known or not).
 */

/** A reply as the lookup needs it; `code` is the basic code, `text` the human text. */
export interface ReplyForLookup {
  code: number;
  enhanced: string | null;
  text: string;
}

export class InvalidReplyError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(`Not an SMTP reply: ${JSON.stringify(lines.join("\n").slice(0, 120))}`);
    this.name = "InvalidReplyError";
  }
}

/** Who acts per class when the code itself is unknown: retries are automatic for 4xx. */
const CLASS_ACTORS: Record<ReplyClass, Actor[]> = {
  "2xx": [],
  "3xx": [],
  "4xx": ["sender-admin", "recipient-admin"],
  "5xx": ["user", "helpdesk", "sender-admin", "recipient-admin"],
};

export function replyClassOf(code: number | string): ReplyClass {
  const digit = String(code).charAt(0);
  const cls = `${digit}xx`;
  if (cls === "2xx" || cls === "3xx" || cls === "4xx" || cls === "5xx") return cls;
  throw new RangeError(`Not a reply class: ${String(code)}`);
}

export function findReplyFacts(facts: KnowledgeFacts, code: string): ReplyCodeFacts | undefined {
  return facts.replyCodes.find((entry) => entry.code === code);
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source, "i");
  } catch {
    return null;
  }
}

function providerLayers(facts: KnowledgeFacts, bundle: KnowledgeBundle, reply: ReplyForLookup): ExplanationLayer[] {
  return matchProviderRules(facts.providerRules, reply).flatMap((rule) => {
    const explanation = bundle.providerReplies[rule.id];
    if (!explanation) return [];
    return [
      {
        kind: "provider" as const,
        key: rule.id,
        explanation,
        actors: rule.actors,
        rfc: [],
        provider: { name: rule.provider, source: rule.source, differsFromIana: rule.differsFromIana },
      },
    ];
  });
}

function textVariantLayers(
  codeFacts: ReplyCodeFacts | undefined,
  bundle: KnowledgeBundle,
  reply: ReplyForLookup,
): ExplanationLayer[] {
  if (!codeFacts?.textVariants) return [];
  const texts = bundle.replyCodes[codeFacts.code]?.textVariants ?? {};
  return codeFacts.textVariants.flatMap((variant) => {
    const explanation = texts[variant.id];
    const matches = safeRegExp(variant.pattern)?.test(reply.text) ?? false;
    if (!explanation || !matches) return [];
    return [
      {
        kind: "variant" as const,
        key: `${codeFacts.code}#${variant.id}`,
        explanation,
        actors: variant.actors,
        rfc: codeFacts.rfc,
      },
    ];
  });
}

/** The most specific enhanced-code layer the bundle has: detail, else subject, else class. */
export function enhancedLayer(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  enhanced: string,
): ExplanationLayer | null {
  const parsed = parseEnhancedCode(enhanced);
  if (!parsed) return null;
  for (const key of enhancedLookupKeys(parsed)) {
    const explanation = bundle.enhancedCodes[key];
    if (!explanation) continue;
    const entry = facts.enhancedCodes.find((candidate) => candidate.code === key);
    return { kind: "enhanced", key, explanation, actors: entry?.actors ?? [], rfc: entry?.rfc ?? [] };
  }
  return null;
}

/** HELO gets the EHLO explanation where no HELO-specific one exists (same role, RFC 5321 4.1.1.1). */
function phaseCandidates(phase: ReplyPhase): ReplyPhase[] {
  return phase === "HELO" ? ["HELO", "EHLO"] : [phase];
}

function basicCodeLayers(
  codeFacts: ReplyCodeFacts | undefined,
  bundle: KnowledgeBundle,
  phase: ReplyPhase | undefined,
): ExplanationLayer[] {
  if (!codeFacts) return [];
  const text = bundle.replyCodes[codeFacts.code];
  if (!text) return [];
  const layers: ExplanationLayer[] = [];
  const variantPhase = phase
    ? phaseCandidates(phase).find((candidate) => codeFacts.variantPhases.includes(candidate))
    : undefined;
  const variant = variantPhase ? text.variants?.[variantPhase] : undefined;
  if (variantPhase && variant) {
    layers.push({
      kind: "phase",
      key: `${codeFacts.code}@${variantPhase}`,
      explanation: variant,
      actors: codeFacts.actors,
      rfc: codeFacts.rfc,
    });
  }
  const { title, description, whenSeen, howToFix } = text;
  layers.push({
    kind: "code",
    key: codeFacts.code,
    explanation: { title, description, whenSeen, howToFix },
    actors: codeFacts.actors,
    rfc: codeFacts.rfc,
  });
  return layers;
}

export function classLayer(bundle: KnowledgeBundle, cls: ReplyClass): ExplanationLayer {
  return {
    kind: "class",
    key: cls,
    explanation: bundle.classes[cls],
    actors: CLASS_ACTORS[cls],
    rfc: ["RFC 5321 4.2.1"],
  };
}

/** Explains an already parsed reply. Never empty. */
export function explainParsedReply(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  reply: ReplyForLookup,
  phase?: ReplyPhase,
): ExplanationLayer[] {
  const code = String(reply.code);
  const codeFacts = findReplyFacts(facts, code);
  const enhanced = reply.enhanced ? enhancedLayer(facts, bundle, reply.enhanced) : null;
  const specific = enhanced !== null && !isGenericEnhancedKey(enhanced.key);
  return [
    ...providerLayers(facts, bundle, reply),
    ...textVariantLayers(codeFacts, bundle, reply),
    ...(enhanced && specific ? [enhanced] : []),
    ...basicCodeLayers(codeFacts, bundle, phase),
    ...(enhanced && !specific ? [enhanced] : []),
    classLayer(bundle, replyClassOf(code)),
  ];
}

/**
 * An enhanced code says more than the basic code only when its detail is specific. "Other or
 * undefined" details (X.n.0, e.g. "220 2.0.0 Ready to start TLS", "530 5.7.0 …") and matches
 * that fell back to the subject or class tell less than "220 in reply to STARTTLS", so such a
 * layer goes after the basic-code layers instead of before them.
 */
export function isGenericEnhancedKey(key: string): boolean {
  return key.endsWith(".X") || key.endsWith(".0");
}

/**
 * Explains reply lines ("550-5.7.26 …", "550 5.7.26 …"), optionally knowing which command they
 * answer. Throws InvalidReplyError when the first line is not a reply line.
 */
export function explainReply(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  input: { lines: string[]; phase?: ReplyPhase },
): ExplanationLayer[] {
  const parsed = parseReplyLines(input.lines);
  if (!parsed) throw new InvalidReplyError(input.lines);
  return explainParsedReply(facts, bundle, parsed, input.phase);
}

/** Explains a bare enhanced status code ("5.7.1"): its best layer, then the reply class. */
export function explainEnhancedCode(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  enhanced: string,
): ExplanationLayer[] {
  const parsed = parseEnhancedCode(enhanced);
  if (!parsed) throw new RangeError(`Not an enhanced status code: ${enhanced}`);
  const layer = enhancedLayer(facts, bundle, parsed.code);
  return [...(layer ? [layer] : []), classLayer(bundle, replyClassOf(parsed.cls))];
}

/** The first sentence of a text (Latin or Arabic punctuation), for one-line summaries. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?؟](?=\s|$)/su.exec(text);
  return (match ? match[0] : text).trim();
}

/** "Title: first sentence of the description" for one layer. */
export function briefOfLayer(explanation: Explanation): string {
  return `${explanation.title}: ${firstSentence(explanation.description)}`;
}

/** One line for a transcript: the most specific layer's title and first sentence. */
export function briefExplanation(
  facts: KnowledgeFacts,
  bundle: KnowledgeBundle,
  input: { lines: string[]; phase?: ReplyPhase },
): string {
  const [first] = explainReply(facts, bundle, input);
  // explainParsedReply always ends with the class layer, so `first` exists.
  return first ? briefOfLayer(first.explanation) : "";
}
