import type { AppInfo } from "../contract/api";
import type { CheckResult } from "../contract/check-result";
import type { CheckEvent } from "../contract/events";
import type { Finding, FindingId, Severity } from "../contract/findings";
import { describeFinding, type DescribedFinding } from "../knowledge/findings";
import { briefExplanation } from "../knowledge/lookup";
import { replyPhaseOf } from "../knowledge/reply-input";
import type { KnowledgeBundle, KnowledgeFacts } from "../knowledge/types";
import { createAnonymiser, type AnonymiseOptions } from "./anonymise";
import { phaseSpans } from "./phase-timing";
import { redactResult } from "./redact";
import { visibleControls } from "./text-safety";
import { fillLabel, reportLabels, type ReportLabels } from "./report-labels";
import type { ReportFinding, ReportModel, TranscriptRow } from "./report-schema";
import { transcriptLine } from "./transcript-text";

/**
 * CheckResult → report model (pure): everything a report view prints, in one language, verdict
 * first. Every view (HTML, PDF, Markdown, JSON) renders this one model, so they cannot disagree.
 * Secrets are removed before anything is read (redactResult), and anonymisation, when asked
 * for, runs over every string of the finished model and of the result that travels with it.
 */

export type Platform = AppInfo["platform"];

export interface ChecklistState {
  /** Ids of the checklist steps ticked off. */
  checked: string[];
  notes: string;
}

export interface ReportEnvironment {
  ehloVersion: string;
  /** "Linux 6.8.0", "Windows 10.0.22631" … */
  os: string;
  /** IANA time zone of the person running the check, for local times ("Europe/Berlin"). */
  timeZone: string;
  /** ISO 8601. */
  generatedAt: string;
}

export interface ReportOptions {
  bundle: KnowledgeBundle;
  facts: KnowledgeFacts;
  lang: string;
  platform: Platform;
  anonymise?: AnonymiseOptions;
  checklistState?: Partial<Record<FindingId, ChecklistState>>;
  environment: ReportEnvironment;
  /** Every form of any secret used in the run (secretForms); scrubbed wherever it appears. */
  secrets?: readonly string[];
}

/** The model plus the result it was built from, both redacted (and anonymised alike). */
export interface PreparedReport {
  model: ReportModel;
  result: CheckResult;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function transcriptRows(events: readonly CheckEvent[], facts: KnowledgeFacts, bundle: KnowledgeBundle): TranscriptRow[] {
  const rows: TranscriptRow[] = [];
  let reply: string[] = [];
  for (const event of events) {
    const line = transcriptLine(event);
    if (!line) continue;
    let explanation: string | null = null;
    if (event.kind === "recv") {
      reply.push(event.text);
      if (event.final) {
        explanation = explain(facts, bundle, reply, event.replyTo);
        reply = [];
      }
    }
    rows.push({ seq: line.seq, t: line.t, prefix: line.prefix, text: line.text, tone: line.tone, explanation });
  }
  return rows;
}

function explain(facts: KnowledgeFacts, bundle: KnowledgeBundle, lines: string[], replyTo: string | null): string | null {
  try {
    return briefExplanation(facts, bundle, { lines, phase: replyPhaseOf(replyTo) }) || null;
  } catch {
    // Not a reply line (no code): the transcript row itself is the evidence.
    return null;
  }
}

function findingOf(finding: Finding, result: CheckResult, rows: ReadonlyMap<number, TranscriptRow>, options: ReportOptions): ReportFinding {
  // Bundles loaded before findings.json existed have no texts: the finding still shows (its id).
  const texts = (options.bundle.findings as KnowledgeBundle["findings"] | undefined) ?? {};
  // Params often quote the server ({text}, {banner}): invisible controls become visible before
  // they are woven into prose, where no view could tell them from the knowledge text.
  const params = Object.fromEntries(
    Object.entries(finding.params).map(([key, value]) => [key, typeof value === "string" ? visibleControls(value) : value]),
  );
  const described = describeFinding(texts, { ...finding, params }, { host: result.target.host, port: result.target.port, platform: options.platform });
  const state = options.checklistState?.[finding.id];
  const evidence = finding.evidence.flatMap((seq) => {
    const row = rows.get(seq);
    return row ? [{ seq, prefix: row.prefix, text: row.text }] : [];
  });
  // A report is read by whoever handles the ticket for this machine: its own shells' commands,
  // or every shell when the platform is unknown.
  const native = (commands: DescribedFinding["checklist"][number]["commands"]) =>
    commands.some((c) => c.native) ? commands.filter((c) => c.native) : commands;
  return {
    id: finding.id,
    severity: finding.severity,
    hasText: described.hasText,
    title: described.title,
    description: described.description,
    whenSeen: described.whenSeen,
    howToFix: described.howToFix,
    params,
    evidence,
    checklist: described.checklist.map((step) => ({
      id: step.id,
      text: step.text,
      checked: state?.checked.includes(step.id) ?? false,
      commands: native(step.commands).map((c) => ({ shell: c.shell, lines: c.lines })),
    })),
    notes: state?.notes ?? "",
  };
}

/** "29 November 2026 at 07:16:00 CET" in the report's language, Latin digits like the codes. */
export function localTime(iso: string, lang: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = (locale: string, zone: string) =>
    new Intl.DateTimeFormat(`${locale}-u-nu-latn`, { dateStyle: "long", timeStyle: "long", timeZone: zone }).format(date);
  try {
    return format(lang, timeZone);
  } catch {
    // An unknown time zone or language tag (an imported file): UTC in English is still true.
    return format("en", "UTC");
  }
}

export function buildReport(input: CheckResult, options: ReportOptions): PreparedReport {
  const result = redactResult(input, options.secrets ?? []);
  const labels: ReportLabels = reportLabels(options.lang);
  const rows = transcriptRows(result.events, options.facts, options.bundle);
  const byseq = new Map(rows.map((row) => [row.seq, row]));
  const findings = result.findings
    .map((finding, index) => ({ finding: findingOf(finding, result, byseq, options), index }))
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index)
    .map((entry) => entry.finding);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  const outcomeText = labels[`outcome.${result.outcome}`];
  const top = findings.find((finding) => finding.hasText);
  const env = options.environment;
  const model: ReportModel = {
    lang: options.lang,
    dir: options.bundle.meta.dir,
    title: fillLabel(labels.title, { target: `${result.target.host}:${result.target.port}` }),
    labels,
    anonymised: options.anonymise !== undefined,
    verdict: {
      outcome: result.outcome,
      outcomeText,
      headline: top?.title ?? outcomeText,
      detail: top?.description ?? "",
      counts,
    },
    findings,
    transcript: rows,
    certificate: result.tls,
    waterfall: phaseSpans(result.events),
    parameters: {
      host: result.target.host,
      port: result.target.port,
      tls: result.target.tls,
      mx: result.target.mx,
      address: result.target.address,
      capabilities: result.capabilities,
    },
    environment: {
      ehloVersion: env.ehloVersion,
      os: env.os,
      timeZone: env.timeZone,
      startedAt: result.startedAt,
      startedAtLocal: localTime(result.startedAt, options.lang, env.timeZone),
      generatedAt: env.generatedAt,
      generatedAtLocal: localTime(env.generatedAt, options.lang, env.timeZone),
      durationMs: result.durationMs,
    },
  };
  if (!options.anonymise) return { model, result };
  // One anonymiser for both, so a placeholder means the same thing in the model and the result.
  const anonymiser = createAnonymiser(result, options.anonymise);
  return { model: { ...anonymiser.apply(model), labels }, result: anonymiser.apply(result) };
}

export function buildReportModel(result: CheckResult, options: ReportOptions): ReportModel {
  return buildReport(result, options).model;
}
