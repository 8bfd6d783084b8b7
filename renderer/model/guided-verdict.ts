import type { CheckResult } from "../../shared/contract/check-result";
import type { Finding } from "../../shared/contract/findings";
import type { MatrixTls } from "../../shared/contract/matrix";
import { sortFindings } from "./finding-view";
import { CHECK_STEPS, GUIDED_STEPS, type GuidedState, type GuidedStep } from "./guided-steps";
import { portVerdict, workingPorts } from "./matrix-grid";

/**
 * What the walkthrough found, in plain terms (pure): each step's outcome, the verdict (the first
 * step that failed names the cause, because every later step depends on it), the findings worth
 * fixing, and the next actions. The views put words on the ids; the knowledge base explains the
 * findings.
 */

export type StepOutcome = "pass" | "warn" | "fail" | "pending" | "running" | "stale";

/** The steps that test something, in the order they depend on each other. */
export const TESTED_STEPS = ["settings", "network", "tls", "auth", "send"] as const satisfies readonly GuidedStep[];
type TestedStep = (typeof TESTED_STEPS)[number];

const fromOutcome = (result: CheckResult | null): StepOutcome => {
  if (!result || result.outcome === "cancelled") return "pending";
  return result.outcome === "ok" ? "pass" : result.outcome === "warning" ? "warn" : "fail";
};

/** One step's outcome. A run that was refused or cut off proves nothing: it stays "pending". */
export function stepOutcome(state: GuidedState, step: GuidedStep): StepOutcome {
  const record = state.records[step];
  if (record.status === "running") return "running";
  if (record.stale) return "stale";
  switch (step) {
    case "user":
      return state.confirmed ? "pass" : "pending";
    case "settings": {
      const chosen = state.chosen;
      if (chosen && chosen.source === "manual") return "warn";
      if (record.status !== "done") return "pending";
      if (!chosen) return "fail";
      // A setting nobody vouches for over https may work, but the user must confirm it first.
      return chosen.verified && chosen.trusted ? "pass" : "warn";
    }
    case "network": {
      if (record.status !== "done" || !state.chosen) return "pending";
      return portVerdict(state.matrix.rows, state.chosen.port) ?? "fail";
    }
    case "tls":
    case "auth":
    case "send":
      return record.status === "done" ? fromOutcome(state.checks[step]) : "pending";
    case "summary":
      return "pending";
  }
}

export type VerdictKind =
  | "incomplete"
  | "no-settings"
  | "port-blocked"
  | "use-other-port"
  | "certificate-problem"
  | "tls-problem"
  | "login-failed"
  | "send-rejected"
  | "works"
  | "works-with-warnings";

/** Next actions, each a sentence in the UI locales (guided.action.<id>). */
export const ACTIONS: Record<VerdictKind, readonly string[]> = {
  incomplete: ["finish-steps"],
  "no-settings": ["check-address", "ask-provider", "enter-manually"],
  "port-blocked": ["check-firewall", "try-other-network", "ask-provider"],
  "use-other-port": ["change-port", "check-firewall"],
  "certificate-problem": ["check-clock", "check-interception", "ask-provider"],
  "tls-problem": ["match-encryption", "update-program"],
  "login-failed": ["check-username", "reset-password", "app-password"],
  "send-rejected": ["check-sender", "check-recipient", "ask-provider"],
  works: ["compare-settings", "remove-account", "retry-from-user"],
  "works-with-warnings": ["compare-settings", "fix-warnings"],
};

/** Actions added by what was seen rather than by the verdict itself. */
export const CONFIRM_SERVER = "confirm-server";

export interface GuidedVerdict {
  kind: VerdictKind;
  outcomes: Record<TestedStep, StepOutcome>;
  /** The step whose failure decided the verdict. */
  failedStep: TestedStep | null;
  /** A port of the same host that worked in step 3, when the chosen one did not. */
  alternative: { port: number; tls: MatrixTls } | null;
  /** Warnings and errors behind the verdict, errors first, one per id. */
  findings: Finding[];
  /** Steps not run yet (or whose results are stale). */
  untested: TestedStep[];
  actions: readonly string[];
}

/** The checks' results and the chosen port's matrix rows, newest evidence first. */
function evidenceResults(state: GuidedState): CheckResult[] {
  const checks = [...CHECK_STEPS]
    .reverse()
    .filter((step) => !state.records[step].stale)
    .map((step) => state.checks[step])
    .filter((r): r is CheckResult => r !== null);
  const port = state.chosen?.port;
  const rows = state.records.network.stale ? [] : state.matrix.rows.filter((row) => row.target.port === port).map((row) => row.result);
  return [...checks, ...rows];
}

function problemFindings(results: readonly CheckResult[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.severity === "info" || finding.id === "port.alternative-open" || seen.has(finding.id)) continue;
      seen.add(finding.id);
      out.push(finding);
    }
  }
  return sortFindings(out);
}

/** What a failed check was really about, by its first error (a login step can fail at connect). */
function kindOfCheck(result: CheckResult | null, fallback: VerdictKind): VerdictKind {
  const error = result?.findings.find((f) => f.severity === "error");
  if (!error) return fallback;
  const group = error.id.slice(0, error.id.indexOf("."));
  if (error.id.startsWith("tls.cert-")) return "certificate-problem";
  if (group === "dns" || group === "tcp" || group === "greeting") return "port-blocked";
  if (group === "starttls" || group === "tls") return "tls-problem";
  if (group === "auth") return "login-failed";
  if (group === "mail" || group === "rcpt" || group === "data") return "send-rejected";
  return fallback;
}

export function guidedVerdict(state: GuidedState): GuidedVerdict {
  const outcomes = Object.fromEntries(TESTED_STEPS.map((step) => [step, stepOutcome(state, step)])) as Record<TestedStep, StepOutcome>;
  const findings = problemFindings(evidenceResults(state));
  const untested = TESTED_STEPS.filter((step) => outcomes[step] === "pending" || outcomes[step] === "stale" || outcomes[step] === "running");
  const failedStep = TESTED_STEPS.find((step) => outcomes[step] === "fail") ?? null;
  const chosenPort = state.chosen?.port ?? null;
  const alternatives = state.records.network.stale ? [] : workingPorts(state.matrix.rows).filter((p) => p.port !== chosenPort);
  let alternative: GuidedVerdict["alternative"] = null;
  let kind: VerdictKind;
  switch (failedStep) {
    case "settings":
      kind = "no-settings";
      break;
    case "network":
      alternative = alternatives[0] ?? null;
      kind = alternative ? "use-other-port" : "port-blocked";
      break;
    case "tls":
      kind = kindOfCheck(state.checks.tls, "tls-problem");
      break;
    case "auth":
      kind = kindOfCheck(state.checks.auth, "login-failed");
      break;
    case "send":
      kind = kindOfCheck(state.checks.send, "send-rejected");
      break;
    case null:
      kind = untested.length > 0 ? "incomplete" : TESTED_STEPS.some((step) => outcomes[step] === "warn") ? "works-with-warnings" : "works";
      break;
  }
  // A later step that could not connect, on a port the matrix also found dead: same advice.
  if (kind === "port-blocked" && alternatives[0] && chosenPort !== null && portVerdict(state.matrix.rows, chosenPort) === "fail") {
    alternative = alternatives[0];
    kind = "use-other-port";
  }
  return { kind, outcomes, failedStep, alternative, findings, untested, actions: actionsFor(kind, outcomes, findings) };
}

/**
 * The verdict's actions, fitted to what was seen: a server that only unsigned DNS or a guess
 * names needs confirming before a password goes to it; "fix the warnings" only when there are
 * warnings to fix.
 */
function actionsFor(kind: VerdictKind, outcomes: Record<TestedStep, StepOutcome>, findings: readonly Finding[]): readonly string[] {
  let actions = [...ACTIONS[kind]];
  if (!findings.some((f) => f.severity === "warning")) actions = actions.filter((a) => a !== "fix-warnings");
  if (outcomes.settings === "warn" && kind !== "no-settings" && kind !== "incomplete") actions.push(CONFIRM_SERVER);
  return actions;
}

/** Every step's notes, in step order, for the summary and the ticket. */
export function stepNotes(state: GuidedState): { step: GuidedStep; notes: string }[] {
  return GUIDED_STEPS.map((step) => ({ step, notes: state.records[step].notes.trim() })).filter((entry) => entry.notes !== "");
}
