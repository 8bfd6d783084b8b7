import { replyPhaseOf } from "../../shared/knowledge/reply-input";
import { formatBriefExplanation } from "./explain-command";

/** One-line explanation printed under each reply of `ehlo check`, in the chosen language. */
export function replyExplainer(lang: string): (lines: string[], replyTo: string | null) => string | null {
  return (lines, replyTo) => formatBriefExplanation(lines, replyPhaseOf(replyTo), lang) || null;
}
