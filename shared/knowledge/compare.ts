import { isEnhancedCode } from "../smtp/enhanced-code";
import { actorsLabel, label, listLabel, phaseLabel } from "./labels";
import { explainEnhancedCode, explainParsedReply, findReplyFacts, replyClassOf } from "./lookup";
import type { Actor, Explanation, ExplanationLayer, KnowledgeBundle, KnowledgeFacts, ReplyClass, ReplyPhase } from "./types";

/**
 * Comparing two codes side by side (pure): what each means and the differences a helpdesk cares
 * about — class, success or failure, temporary or permanent (RFC 5321 4.2.1), who acts — and
 * which of the two asks somebody to do something.
 */

export type Outcome = "success" | "intermediate" | "failure";
export type Permanence = "none" | "transient" | "permanent";

export interface CodeSummary {
  code: string;
  kind: "basic" | "enhanced";
  /** False when the knowledge base has no entry and the class explains it. */
  known: boolean;
  replyClass: ReplyClass;
  outcome: Outcome;
  permanence: Permanence;
  /** The most specific general explanation (no provider or phase: nothing is known of those). */
  explanation: Explanation;
  actors: Actor[];
  /** Commands the code answers; empty for enhanced codes, which are not tied to a command. */
  phases: ReplyPhase[];
  rfc: string[];
  layers: ExplanationLayer[];
}

export const COMPARE_ASPECTS = ["class", "outcome", "permanence", "actors", "phases"] as const;
export type CompareAspect = (typeof COMPARE_ASPECTS)[number];

export interface Difference {
  aspect: CompareAspect;
  same: boolean;
  /** Localised value for each code. */
  a: string;
  b: string;
}

export interface CodeComparison {
  a: CodeSummary;
  b: CodeSummary;
  differences: Difference[];
  /** The codes (of a and b) that ask someone to act: every 4xx/5xx. */
  needsAction: string[];
  /** Localised sentences saying which one needs action and why. */
  verdict: string[];
}

/** Is `code` something compareCodes accepts: a basic code "250" or an enhanced code "5.7.1"? */
export function isComparableCode(code: string): boolean {
  return /^[2-5]\d\d$/.test(code) || isEnhancedCode(code);
}

function outcomeOf(cls: ReplyClass): Outcome {
  if (cls === "2xx") return "success";
  if (cls === "3xx") return "intermediate";
  return "failure";
}

function permanenceOf(cls: ReplyClass): Permanence {
  if (cls === "4xx") return "transient";
  if (cls === "5xx") return "permanent";
  return "none";
}

/** Summarises one code; throws RangeError for anything that is not a basic or enhanced code. */
export function summarizeCode(facts: KnowledgeFacts, bundle: KnowledgeBundle, code: string): CodeSummary {
  if (!isComparableCode(code)) throw new RangeError(`Not a reply code or enhanced status code: ${code}`);
  const enhanced = isEnhancedCode(code);
  const layers = enhanced
    ? explainEnhancedCode(facts, bundle, code)
    : explainParsedReply(facts, bundle, { code: Number(code), enhanced: null, text: "" });
  // Both lists end with the class layer; the first layer is the most specific one.
  const best = layers[0] as ExplanationLayer;
  const replyClass = replyClassOf(code);
  const codeFacts = enhanced ? undefined : findReplyFacts(facts, code);
  return {
    code,
    kind: enhanced ? "enhanced" : "basic",
    known: best.kind !== "class",
    replyClass,
    outcome: outcomeOf(replyClass),
    permanence: permanenceOf(replyClass),
    explanation: best.explanation,
    actors: best.actors,
    phases: codeFacts?.phases ?? [],
    rfc: best.rfc,
    layers,
  };
}

function classText(bundle: KnowledgeBundle, summary: CodeSummary): string {
  return `${summary.replyClass} ${bundle.classes[summary.replyClass].title}`;
}

function aspectValue(bundle: KnowledgeBundle, summary: CodeSummary, aspect: CompareAspect): string {
  switch (aspect) {
    case "class":
      return classText(bundle, summary);
    case "outcome":
      return label(bundle, `outcome.${summary.outcome}`);
    case "permanence":
      return label(bundle, `permanence.${summary.permanence}`);
    case "actors":
      return actorsLabel(bundle, summary.actors);
    case "phases":
      return listLabel(
        bundle,
        summary.phases.map((phase) => phaseLabel(bundle, phase)),
      );
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function isSame(a: CodeSummary, b: CodeSummary, aspect: CompareAspect): boolean {
  if (aspect === "actors") return sameSet(a.actors, b.actors);
  if (aspect === "phases") return sameSet(a.phases, b.phases);
  if (aspect === "class") return a.replyClass === b.replyClass;
  return a[aspect] === b[aspect];
}

function verdictOf(bundle: KnowledgeBundle, a: CodeSummary, b: CodeSummary, needsAction: string[]): string[] {
  const reasons = [a, b]
    .filter((summary) => summary.outcome === "failure")
    .map((summary) => label(bundle, `needsAction.${summary.permanence}`, { code: summary.code }));
  if (needsAction.length === 0) return [label(bundle, "needsAction.none")];
  if (needsAction.length === 2) return [label(bundle, "needsAction.both"), ...reasons];
  const [acting] = needsAction;
  const other = acting === a.code ? b.code : a.code;
  return [label(bundle, "needsAction.one", { code: acting ?? "", other }), ...reasons];
}

/** Compares two codes; throws RangeError when either is not a basic or enhanced code. */
export function compareCodes(facts: KnowledgeFacts, bundle: KnowledgeBundle, a: string, b: string): CodeComparison {
  const left = summarizeCode(facts, bundle, a);
  const right = summarizeCode(facts, bundle, b);
  // Enhanced codes are not tied to a command, so "seen in reply to" only compares basic codes.
  const aspects = COMPARE_ASPECTS.filter(
    (aspect) => aspect !== "phases" || (left.kind === "basic" && right.kind === "basic"),
  );
  const differences = aspects.map((aspect) => ({
    aspect,
    same: isSame(left, right, aspect),
    a: aspectValue(bundle, left, aspect),
    b: aspectValue(bundle, right, aspect),
  }));
  const needsAction = [left, right].filter((summary) => summary.outcome === "failure").map((summary) => summary.code);
  return { a: left, b: right, differences, needsAction, verdict: verdictOf(bundle, left, right, needsAction) };
}
