import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { EhloBridge } from "../../../shared/contract/bridge";
import type { Finding } from "../../../shared/contract/findings";
import type { ExportSource } from "../../../shared/contract/methods-history";
import { METHOD_NAMES } from "../../../shared/contract/methods";
import { findingView, type Platform } from "../../model/finding-view";
import { CHECK_STEPS, GUIDED_STEPS, type CheckStep, type GuidedState } from "../../model/guided-steps";
import { ticketText, verdictParams } from "../../model/guided-ticket";
import { guidedVerdict, stepOutcome, type VerdictKind } from "../../model/guided-verdict";
import { useKnowledge } from "../../state/knowledge";
import type { CheckSession } from "../../state/use-check-session";
import { useFormat } from "../../state/use-format";
import { CopyButton } from "../CopyButton";
import { ExportMenu } from "../ExportMenu";
import { IconError, IconOk, IconWarning } from "../Icons";
import { OutcomeMark } from "./Stepper";

const TONE: Record<VerdictKind, "ok" | "warning" | "failed"> = {
  works: "ok",
  "works-with-warnings": "warning",
  incomplete: "warning",
  "no-settings": "failed",
  "port-blocked": "failed",
  "use-other-port": "warning",
  "certificate-problem": "failed",
  "tls-problem": "failed",
  "login-failed": "failed",
  "send-rejected": "failed",
};

/** `report.export` is another part of the contract; the summary offers it only where it exists. */
const CAN_EXPORT = (METHOD_NAMES as readonly string[]).includes("report.export");

interface SummaryProps {
  state: GuidedState;
  sessions: Record<CheckStep, CheckSession>;
  bridge: EhloBridge;
  platform: Platform;
  offerEhlo: boolean;
}

/** The run a report is made of: the furthest check of the walkthrough that finished. */
function reportRun(state: GuidedState, sessions: Record<CheckStep, CheckSession>): { step: CheckStep; source: ExportSource } | null {
  for (const step of [...CHECK_STEPS].reverse()) {
    const result = state.checks[step];
    if (!result || state.records[step].stale) continue;
    const historyId = sessions[step].state.result === result ? sessions[step].state.historyId : null;
    return { step, source: historyId ? { kind: "history", id: historyId } : { kind: "result", result } };
  }
  return null;
}

/**
 * Step 7: the verdict in plain words, what to tell the user, the next actions, every step's
 * outcome and notes, the findings to fix (from the knowledge base), the ticket text, and the
 * report of the furthest check (each check is also in the history).
 */
export function SummaryContent({ state, sessions, bridge, platform, offerEhlo }: SummaryProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const knowledge = useKnowledge();
  const verdict = useMemo(() => guidedVerdict(state), [state]);
  const params = verdictParams(state, verdict, (key, p) => t(key, p ?? {}));
  const target = state.chosen ? { host: state.chosen.host, port: state.chosen.port, address: null } : null;
  const view = useCallback((finding: Finding) => findingView(finding, knowledge?.findings ?? null, target, platform), [knowledge, target, platform]);
  const ticket = () => ticketText(state, verdict, (key, p) => t(key, p ?? {}), (finding) => view(finding).title);
  const tone = TONE[verdict.kind];
  const Icon = tone === "ok" ? IconOk : tone === "warning" ? IconWarning : IconError;
  const report = reportRun(state, sessions);
  const tell = t(`guided.verdict.${verdict.kind}.tell`, params);
  return (
    <div className="guided-summary">
      <div className={`status status-${tone} guided-verdict`}>
        <Icon className="status-icon" />
        <div className="status-text">
          <p className="status-title">{t(`guided.verdict.${verdict.kind}.title`, params)}</p>
          {verdict.untested.length > 0 ? (
            <p className="status-sub">{t("guided.summary.untested", { steps: verdict.untested.map((s) => t(`guided.steps.${s}.title`)).join(t("guided.listSeparator")) })}</p>
          ) : null}
        </div>
      </div>

      <Reported state={state} />

      <section className="guided-tell" aria-labelledby="guided-tell-title">
        <div className="guided-tell-head">
          <h3 id="guided-tell-title" className="subhead">
            {t("guided.summary.tell")}
          </h3>
          <CopyButton text={tell} label={t("guided.summary.copyTell")} />
        </div>
        <blockquote className="guided-quote">{tell}</blockquote>
      </section>

      <section aria-labelledby="guided-actions-title">
        <h3 id="guided-actions-title" className="subhead">
          {t("guided.summary.actions")}
        </h3>
        <ol className="guided-actions">
          {verdict.actions.map((action) => (
            <li key={action}>{t(`guided.action.${action}`, params)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="guided-results-title">
        <h3 id="guided-results-title" className="subhead">
          {t("guided.summary.steps")}
        </h3>
        <div className="table-scroll" role="region" aria-labelledby="guided-results-title" tabIndex={0}>
          <table className="data-table guided-results">
            <thead>
              <tr>
                <th scope="col">{t("guided.summary.step")}</th>
                <th scope="col">{t("guided.summary.outcome")}</th>
                <th scope="col">{t("guided.notes")}</th>
              </tr>
            </thead>
            <tbody>
              {GUIDED_STEPS.filter((step) => step !== "summary").map((step) => {
                const outcome = stepOutcome(state, step);
                return (
                  <tr key={step}>
                    <th scope="row">{t(`guided.steps.${step}.title`)}</th>
                    <td>
                      <span className={`guided-outcome outcome-${outcome}`}>
                        <OutcomeMark outcome={outcome} />
                        <span>{t(`guided.outcome.${outcome}`)}</span>
                      </span>
                    </td>
                    <td className="guided-notes-cell">
                      <bdi>{state.records[step].notes.trim() || "—"}</bdi>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {verdict.findings.length > 0 ? (
        <section aria-labelledby="guided-findings-title">
          <h3 id="guided-findings-title" className="subhead">
            {t("guided.summary.findings")}
          </h3>
          <ul className="guided-findings">
            {verdict.findings.map((finding) => {
              const v = view(finding);
              return (
                <li key={finding.id} className={`sev-${finding.severity}`}>
                  <p className="guided-finding-title">
                    <strong>{f.bidi(v.title)}</strong>{" "}
                    <code className="tag" dir="ltr">
                      {finding.id}
                    </code>
                  </p>
                  {v.howToFix ? <p>{f.bidi(v.howToFix)}</p> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section className="guided-ticket" aria-labelledby="guided-ticket-title">
        <h3 id="guided-ticket-title" className="subhead">
          {t("guided.summary.ticket")}
        </h3>
        <p className="muted small">{t("guided.summary.ticketHint")}</p>
        <div className="guided-ticket-actions">
          <CopyButton text={ticket} label={t("guided.summary.copyTicket")} className="btn-secondary" />
          {CAN_EXPORT && report ? (
            <ExportMenu bridge={bridge} source={report.source} offerEhlo={offerEhlo} label={t("guided.summary.exportLabel", { button: t("export.button"), step: t(`guided.steps.${report.step}.title`) })} />
          ) : null}
        </div>
        {CAN_EXPORT && report ? <p className="muted small">{t("guided.summary.reportOf", { step: t(`guided.steps.${report.step}.title`) })}</p> : null}
        {CAN_EXPORT && !report ? <p className="muted small">{t("guided.summary.noReport")}</p> : null}
      </section>
    </div>
  );
}

/** What the user reported and what was tested, as step 1 and step 2 recorded them. */
function Reported({ state }: { state: GuidedState }) {
  const { t } = useTranslation();
  const intake = state.confirmed ?? state.intake;
  const chosen = state.chosen;
  return (
    <dl className="facts guided-reported">
      <div>
        <dt>{t("guided.intake.address")}</dt>
        <dd>
          <bdi dir="ltr" className="mono">
            {intake.address.trim()}
          </bdi>
        </dd>
      </div>
      {intake.program || intake.symptom ? (
        <div>
          <dt>{t("guided.intake.symptom")}</dt>
          <dd>{[intake.program ? t(`guided.program.${intake.program}`) : "", intake.symptom ? t(`guided.symptom.${intake.symptom}`) : ""].filter(Boolean).join(" · ")}</dd>
        </div>
      ) : null}
      {intake.description.trim() !== "" ? (
        <div>
          <dt>{t("guided.intake.description")}</dt>
          <dd className="guided-notes-cell">
            <bdi>{intake.description.trim()}</bdi>
          </dd>
        </div>
      ) : null}
      {chosen ? (
        <div>
          <dt>{t("guided.ticket.server")}</dt>
          <dd>
            <bdi dir="ltr" className="mono">
              {chosen.host}:{chosen.port}
            </bdi>{" "}
            · {t(`guided.tlsMode.${chosen.tls}`)}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
