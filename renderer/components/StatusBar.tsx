import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FindingId } from "../../shared/contract/findings";
import type { CheckSessionState } from "../model/check-session";
import { INCOMPLETE_FIELD } from "../../shared/contract/check-stream";
import { NOT_CONNECTED_FIELD } from "../transport/ws-bridge";
import { useFormat } from "../state/use-format";
import { IconError, IconOk, IconStop, IconWarning } from "./Icons";

/**
 * Where the check stands: "Waiting for the greeting… 4 s" with Cancel while it runs, the outcome
 * when it is over. The visible seconds tick; the live region announces only changes of phase and
 * the outcome, so screen readers are not flooded.
 */
interface StatusBarProps {
  state: CheckSessionState;
  onCancel(): void;
  /** Title of a finding id in the current language (the early verdict uses it). */
  findingTitle(id: FindingId, params: Record<string, string | number>): string;
  onJump(evidence: number[]): void;
}

export function StatusBar({ state, onCancel, findingTitle, onJump }: StatusBarProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const target = state.request ? `${state.request.host}${state.request.port ? `:${state.request.port}` : ""}` : "";
  let visible: ReactNode = null;
  let announce = "";
  if (state.status === "running") {
    const current = state.current;
    const what = current ? t(`phaseWait.${current.phase}`) : t("check.starting");
    announce = what;
    visible = (
      <div className="status status-running">
        <span className="spinner" aria-hidden="true" />
        <div className="status-text">
          <p className="status-title">
            {t("check.running")} <bdi dir="ltr" className="mono">{target}</bdi>
          </p>
          <p className="status-sub">
            {current?.waitingMs != null ? t("timeline.waiting", { what, seconds: f.seconds(current.waitingMs) }) : `${what}…`}
          </p>
          {state.provisional ? (
            <p className="status-provisional">
              <span>{t("check.provisional")}</span> <strong>{f.bidi(findingTitle(state.provisional.id, state.provisional.params))}</strong>{" "}
              {state.provisional.evidence.length > 0 ? (
                <button type="button" className="btn btn-link btn-small" onClick={() => onJump(state.provisional?.evidence ?? [])}>
                  {t("findings.showEvidence")}
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
        <button type="button" className="btn btn-danger" onClick={onCancel} disabled={state.cancelling}>
          <IconStop />
          <span>{state.cancelling ? t("check.cancelling") : t("check.cancel")}</span>
        </button>
      </div>
    );
  } else if (state.status === "done" && state.result) {
    const outcome = state.result.outcome;
    const Icon = outcome === "ok" ? IconOk : outcome === "failed" ? IconError : IconWarning;
    announce = t(`outcome.${outcome}`);
    const address = state.result.target.address;
    visible = (
      <div className={`status status-${outcome}`}>
        <Icon className="status-icon" />
        <div className="status-text">
          <p className="status-title">{t(`outcome.${outcome}`)}</p>
          <p className="status-sub">
            <bdi dir="ltr" className="mono">
              {state.result.target.host}:{state.result.target.port}
            </bdi>
            {address && address !== state.result.target.host ? (
              <>
                {" · "}
                <bdi dir="ltr" className="mono">
                  {address}
                </bdi>
              </>
            ) : null}
            {" · "}
            {t("units.msValue", { value: f.ms(state.result.durationMs) })}
          </p>
        </div>
      </div>
    );
  } else if (state.status === "refused" && state.refusal) {
    const notConnected = state.refusal.field === NOT_CONNECTED_FIELD;
    const title = notConnected ? t("connection.notConnected") : state.refusal.field === INCOMPLETE_FIELD ? t("check.incomplete") : t("check.refused");
    announce = title;
    visible = (
      <div className="status status-failed" role="alert">
        <IconError className="status-icon" />
        <div className="status-text">
          <p className="status-title">{title}</p>
          {notConnected ? null : (
            <p className="status-sub" lang="en" dir="auto">
              {state.refusal.message}
            </p>
          )}
        </div>
      </div>
    );
  } else if (state.status === "lost") {
    announce = t("check.lost");
    visible = (
      <div className="status status-failed" role="alert">
        <IconError className="status-icon" />
        <div className="status-text">
          <p className="status-title">{t("check.lost")}</p>
          <p className="status-sub">{t("check.lostHint")}</p>
        </div>
      </div>
    );
  }
  return (
    <>
      {visible}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
    </>
  );
}
