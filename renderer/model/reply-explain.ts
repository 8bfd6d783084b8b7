import { explainReply, InvalidReplyError } from "../../shared/knowledge/lookup";
import { parseReplyLines, replyPhaseOf } from "../../shared/knowledge/reply-input";
import type { ExplanationLayer, KnowledgeBundle, KnowledgeFacts, ReplyPhase } from "../../shared/knowledge/types";
import type { ReplyRow } from "./timeline";

/**
 * What an expanded reply shows (pure): the most specific explanation as "What it means / When you
 * see it / How to fix it", the enhanced status code's own meaning (RFC 3463) when a more specific
 * layer (a provider rule, the server wording) came first, and the more general layers below.
 */
export interface ReplyExplanationView {
  phase: ReplyPhase | undefined;
  primary: ExplanationLayer;
  /** The enhanced-code layer, when it is not the primary one. */
  enhanced: ExplanationLayer | null;
  /** The enhanced status code as the server sent it ("5.1.1"), when it sent one (RFC 3463). */
  enhancedCode: string | null;
  /** The remaining layers, most specific first, ending with the reply class. */
  general: ExplanationLayer[];
}

export function explainReplyRow(facts: KnowledgeFacts, bundle: KnowledgeBundle, row: ReplyRow): ReplyExplanationView | null {
  if (row.code === null) return null;
  const phase = replyPhaseOf(row.replyTo);
  let layers: ExplanationLayer[];
  try {
    layers = explainReply(facts, bundle, { lines: row.lines.map((line) => line.raw), ...(phase ? { phase } : {}) });
  } catch (error) {
    if (error instanceof InvalidReplyError) return null;
    throw error;
  }
  const [primary, ...rest] = layers;
  if (!primary) return null;
  const enhanced = rest.find((layer) => layer.kind === "enhanced") ?? null;
  const enhancedCode = parseReplyLines(row.lines.map((line) => line.raw))?.enhanced ?? null;
  return { phase, primary, enhanced, enhancedCode, general: rest.filter((layer) => layer !== enhanced) };
}
