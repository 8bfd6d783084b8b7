import type { Finding } from "../../shared/contract/findings";
import { GUIDED_STEPS, type GuidedState } from "./guided-steps";
import { stepOutcome, type GuidedVerdict } from "./guided-verdict";

/**
 * The walkthrough as plain text for the ticket (pure): who and what, the server tested, each
 * step's outcome and notes, the verdict, what to tell the user, the next actions and the
 * findings. Words come from the caller's translator, so the text is in the helpdesk's language.
 */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The params every verdict sentence may use (host, port, TLS, the working alternative). */
export function verdictParams(state: GuidedState, verdict: GuidedVerdict, t: Translate): Record<string, string | number> {
  const chosen = state.chosen;
  return {
    address: (state.confirmed ?? state.intake).address.trim(),
    host: chosen?.host ?? "",
    port: chosen?.port ?? "",
    tls: chosen ? t(`guided.tlsMode.${chosen.tls}`) : "",
    altPort: verdict.alternative?.port ?? "",
    altTls: verdict.alternative ? t(`guided.tlsMode.${verdict.alternative.tls}`) : "",
  };
}

export function ticketText(state: GuidedState, verdict: GuidedVerdict, t: Translate, findingTitle: (finding: Finding) => string): string {
  const intake = state.confirmed ?? state.intake;
  const params = verdictParams(state, verdict, t);
  const lines: string[] = [t("guided.ticket.title"), ""];
  const field = (label: string, value: string) => {
    if (value.trim() !== "") lines.push(`${label}: ${value.trim()}`);
  };
  field(t("guided.intake.address"), intake.address);
  if (intake.program) field(t("guided.intake.program"), t(`guided.program.${intake.program}`));
  if (intake.symptom) field(t("guided.intake.symptom"), t(`guided.symptom.${intake.symptom}`));
  field(t("guided.intake.description"), intake.description.replace(/\s+/g, " "));
  if (state.chosen) field(t("guided.ticket.server"), `${state.chosen.host}:${state.chosen.port} (${t(`guided.tlsMode.${state.chosen.tls}`)})`);
  lines.push("", t("guided.ticket.steps"));
  for (const step of GUIDED_STEPS) {
    if (step === "summary") continue;
    const notes = state.records[step].notes.trim().replace(/\s+/g, " ");
    lines.push(`- ${t(`guided.steps.${step}.title`)}: ${t(`guided.outcome.${stepOutcome(state, step)}`)}${notes ? ` — ${notes}` : ""}`);
  }
  lines.push("", `${t("guided.summary.verdict")}: ${t(`guided.verdict.${verdict.kind}.title`, params)}`);
  lines.push(`${t("guided.summary.tell")}: ${t(`guided.verdict.${verdict.kind}.tell`, params)}`);
  lines.push("", t("guided.summary.actions"));
  verdict.actions.forEach((action, i) => lines.push(`${i + 1}. ${t(`guided.action.${action}`, params)}`));
  if (verdict.findings.length > 0) {
    lines.push("", t("guided.summary.findings"));
    for (const finding of verdict.findings) lines.push(`- ${findingTitle(finding)} (${finding.id})`);
  }
  return `${lines.join("\n")}\n`;
}
