import type { AppInfo } from "../contract/api";
import type { Finding, FindingId, Severity } from "../contract/findings";
import { COMMAND_SHELLS, type ChecklistStep, type CommandShell, type FindingTexts } from "./finding-types";

/**
 * A finding in words (pure): its locale texts with placeholders filled from the finding's params
 * and the target, and its checklist with the commands of the user's own system first.
 *
 * Template syntax of locales/<lang>/findings.json:
 *   {name}        the value of param `name` (or the target's {host} / {port}); "" when absent
 *   {{ … }}       an optional part: kept only when every placeholder inside has a value, so a
 *                 sentence about an optional param disappears whole instead of reading "Issuer: ."
 *   {name?}       a condition inside an optional part: requires the value, prints nothing
 * Values are inserted verbatim after the template is resolved, so a server's text containing
 * "{host}", "{{" or "$&" is shown as it is and never read as template syntax.
 */

export type Platform = AppInfo["platform"];

/** Node's `process.platform` → the platforms checklists know. */
export function platformOf(nodePlatform: string): Platform {
  switch (nodePlatform) {
    case "win32":
      return "windows";
    case "darwin":
      return "macos";
    case "linux":
      return "linux";
    default:
      return "other";
  }
}

/** The shells of each platform, in the order they are offered (PowerShell before cmd). */
export const NATIVE_SHELLS: Readonly<Record<Platform, readonly CommandShell[]>> = {
  windows: ["windows-powershell", "windows-cmd"],
  macos: ["macos"],
  linux: ["linux"],
  other: [],
};

/** The user's shells first, then the others in their usual order. */
export function shellOrder(platform: Platform): { shell: CommandShell; native: boolean }[] {
  const native = NATIVE_SHELLS[platform];
  return [
    ...native.map((shell) => ({ shell, native: true })),
    ...COMMAND_SHELLS.filter((shell) => !native.includes(shell)).map((shell) => ({ shell, native: false })),
  ];
}

type Values = Readonly<Record<string, string | number>>;

const SEGMENT = /\{\{((?:[^{}]|\{\w+\??\})*)\}\}/g;
const PLACEHOLDER = /\{(\w+)(\?)?\}/g;

function hasValue(values: Values, name: string): boolean {
  return Object.hasOwn(values, name) && String(values[name]) !== "";
}

/** Spacing and punctuation left behind where a placeholder was dropped (template text only). */
function tidy(template: string): string {
  return template
    .replace(/\(\s*\)|\[\s*\]|«\s*»|"\s*"|“\s*”/g, "")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/[ \t]+(?=[.,;:!?،؛])/g, "")
    .replace(/[:,;،؛]+(?=[.!?])/g, "");
}

/** Fills a template of findings.json (syntax above). */
export function fillTemplate(template: string, values: Values): string {
  let dropped = false;
  let resolved = template.replace(SEGMENT, (_whole, inner: string) => {
    const names = [...inner.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
    if (names.every((name) => hasValue(values, name))) return inner;
    dropped = true;
    return "";
  });
  resolved = resolved.replace(PLACEHOLDER, (whole, name: string, condition?: string) => {
    if (condition) return "";
    if (hasValue(values, name)) return whole;
    dropped = true;
    return "";
  });
  if (dropped) resolved = tidy(resolved);
  // One pass with a function: values are never scanned again or read as replacement patterns.
  return resolved.trim().replace(/\{(\w+)\}/g, (_whole, name: string) => String(values[name]));
}

/** True when every placeholder of `template` has a value (a command with a gap is not runnable). */
function complete(template: string, values: Values): boolean {
  return [...template.matchAll(PLACEHOLDER)].every((match) => hasValue(values, match[1] ?? ""));
}

export interface CommandGroup {
  shell: CommandShell;
  /** A shell of the user's own system: shown first. */
  native: boolean;
  lines: string[];
}

export interface DescribedStep {
  id: string;
  text: string;
  /** The user's shells first; shells without commands for this step are left out. */
  commands: CommandGroup[];
}

export interface DescribedFinding {
  id: FindingId;
  severity: Severity;
  /** False when the locale has no text for the finding: the title is its id, the description its params. */
  hasText: boolean;
  title: string;
  description: string;
  whenSeen: string;
  howToFix: string;
  checklist: DescribedStep[];
}

export interface DescribeContext {
  host: string;
  port: number;
  platform: Platform;
}

function describeStep(step: ChecklistStep, values: Values, platform: Platform): DescribedStep {
  const commands = shellOrder(platform).flatMap(({ shell, native }): CommandGroup[] => {
    // A command missing one of its values is left out rather than shown broken.
    const lines = (step.commands?.[shell] ?? []).filter((line) => complete(line, values)).map((line) => fillTemplate(line, values));
    return lines.length > 0 ? [{ shell, native, lines }] : [];
  });
  return { id: step.id, text: fillTemplate(step.text, values), commands };
}

export function describeFinding(texts: Partial<FindingTexts>, finding: Finding, context: DescribeContext): DescribedFinding {
  // The finding's own params are more precise (the MX host that failed, the alternative port), so they win.
  const values: Values = { host: context.host, port: context.port, ...finding.params };
  const text = texts[finding.id];
  if (!text) {
    const params = Object.entries(finding.params).map(([key, value]) => `${key}=${value}`).join(" ");
    return { id: finding.id, severity: finding.severity, hasText: false, title: finding.id, description: params, whenSeen: "", howToFix: "", checklist: [] };
  }
  const fill = (template: string) => fillTemplate(template, values);
  return {
    id: finding.id,
    severity: finding.severity,
    hasText: true,
    title: fill(text.title),
    description: fill(text.description),
    whenSeen: fill(text.whenSeen),
    howToFix: fill(text.howToFix),
    checklist: text.checklist.map((step) => describeStep(step, values, context.platform)),
  };
}
