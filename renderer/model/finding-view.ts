import type { Finding, FindingId, Severity } from "../../shared/contract/findings";
import type { FindingTexts } from "../../shared/knowledge/finding-types";
import { describeFinding, type CommandGroup, type DescribedStep, type Platform } from "../../shared/knowledge/findings";

/**
 * A finding as the findings panel shows it (pure). The words come from the shared
 * `describeFinding` (the same texts, template rules and command order as the CLI and reports);
 * this adds what only a view needs: the evidence to jump to, values formatted for the reader
 * (dates), the connected address as a placeholder, ordering, and the alternative-ports table.
 * Without texts (a locale that has none yet) a finding still shows: its stable id and params.
 */

export type { CommandGroup, Platform };
export type StepView = DescribedStep;

export interface TargetFacts {
  host: string;
  port: number;
  /** The address actually connected to, when known. */
  address: string | null;
}

export interface FindingView {
  id: FindingId;
  severity: Severity;
  evidence: number[];
  params: Record<string, string | number>;
  /** False when the locale has no text for this finding: show `id` and `params`. */
  hasText: boolean;
  title: string;
  description: string;
  whenSeen: string;
  howToFix: string;
  checklist: StepView[];
}

/** Turns a raw param into display text (e.g. an ISO date into the user's date format). */
export type ValueFormatter = (value: string | number) => string | number;

/** ISO 8601 timestamps, as the engine reports certificate dates. */
export function isIsoDate(value: string | number): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value);
}

export function findingView(
  finding: Finding,
  texts: Partial<FindingTexts> | null,
  target: TargetFacts | null,
  platform: Platform,
  format: ValueFormatter = (value) => value,
): FindingView {
  const base = { id: finding.id, severity: finding.severity, evidence: finding.evidence, params: finding.params };
  if (!texts?.[finding.id]) {
    return { ...base, hasText: false, title: finding.id, description: paramsText(finding.params), whenSeen: "", howToFix: "", checklist: [] };
  }
  // {address} is the connected address unless the finding names one itself.
  const params = { ...(target?.address ? { address: target.address } : {}), ...finding.params };
  const shown = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, format(value)]));
  const described = describeFinding(texts, { ...finding, params: shown }, { host: target?.host ?? "", port: target?.port ?? 25, platform });
  return {
    ...base,
    hasText: true,
    title: described.title,
    description: described.description,
    whenSeen: described.whenSeen,
    howToFix: described.howToFix,
    checklist: described.checklist,
  };
}

/** "code=550 to=b@example.com": the params as they are, for findings without texts. */
export function paramsText(params: Record<string, string | number>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; otherwise in the order they were found. */
export function sortFindings<F extends { severity: Severity }>(findings: readonly F[]): F[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map((entry) => entry.finding);
}

export interface AlternativePort {
  port: number;
  /** "implicit" or "plain" as the engine reports it, or "". */
  tls: string;
  /** Time to the greeting in ms, when measured. */
  ms: number | null;
  /** The greeting the port answered with (shown as is), else any other params as "key=value". */
  details: string;
  evidence: number[];
}

/**
 * The "alternative ports" table: one row per `port.alternative-open` finding (the engine tried
 * other submission ports, RFC 8314 / RFC 6409, when the requested one gave no greeting).
 */
export function alternativePorts(findings: readonly Finding[]): AlternativePort[] {
  return findings
    .filter((finding) => finding.id === "port.alternative-open")
    .flatMap((finding): AlternativePort[] => {
      const { port, tls, mode, ms, banner, ...rest } = finding.params;
      const portNumber = Number(port);
      if (!Number.isInteger(portNumber) || portNumber < 1) return [];
      const tlsText = tls ?? mode;
      return [
        {
          port: portNumber,
          tls: tlsText === undefined ? "" : String(tlsText),
          ms: ms === undefined || !Number.isFinite(Number(ms)) ? null : Number(ms),
          details: banner !== undefined && banner !== "" ? String(banner) : paramsText(rest),
          evidence: finding.evidence,
        },
      ];
    })
    .sort((a, b) => a.port - b.port);
}
