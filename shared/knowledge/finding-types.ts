import type { FindingId } from "../contract/findings";
import type { Explanation } from "./types";

/**
 * Finding texts live with the knowledge base, one file per locale:
 *   shared/knowledge/locales/<lang>/findings.json   Record<FindingId, FindingText>
 * Texts may contain placeholders filled from the finding's params and the target:
 *   {host} {port} {address} {code} {text} {protocol} {seconds} {name} {covered} {issuer} {validTo}
 *   {daysLeft} {mechanism} {offered} {to} {from} {reason} …
 * A placeholder with no value is left out together with nothing else (renderers replace it by "").
 */
export const COMMAND_SHELLS = ["windows-powershell", "windows-cmd", "macos", "linux"] as const;
export type CommandShell = (typeof COMMAND_SHELLS)[number];

export interface ChecklistStep {
  /** Stable within its finding, e.g. "isp-port-25". */
  id: string;
  /** The step in plain language, written for helpdesk staff walking a user through it. */
  text: string;
  /** Commands that help with this step, per shell, with placeholders ({host}, {port}). */
  commands?: Partial<Record<CommandShell, string[]>>;
}

export interface FindingText extends Explanation {
  /** Ordered checklist for failure findings; empty for info findings. */
  checklist: ChecklistStep[];
}

export type FindingTexts = Record<FindingId, FindingText>;
