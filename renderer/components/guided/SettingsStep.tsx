import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Candidate, SourceReport, SubmissionTls } from "../../../shared/contract/discovery";
import { SUBMISSION_TLS } from "../../../shared/contract/discovery";
import type { FindingId } from "../../../shared/contract/findings";
import { findingView, type Platform } from "../../model/finding-view";
import type { ChosenServer, GuidedState } from "../../model/guided-steps";
import { checkTarget } from "../../model/target";
import { useKnowledge } from "../../state/knowledge";
import { useFormat } from "../../state/use-format";
import { Field } from "../form/Field";
import { IconError, IconOk, IconWarning } from "../Icons";

const sameServer = (c: Candidate, chosen: ChosenServer | null) => chosen !== null && c.host === chosen.host && c.port === chosen.port && c.tls === chosen.tls;

/** Each source as it ended: what it asked and what came of it. */
export function SourceList({ sources }: { sources: readonly SourceReport[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (sources.length === 0) return null;
  return (
    <div className="table-scroll" role="region" aria-label={t("guided.settings.sources")} tabIndex={0}>
      <table className="data-table">
        <caption className="table-caption">{t("guided.settings.sources")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("guided.settings.source")}</th>
            <th scope="col">{t("guided.settings.state")}</th>
            <th scope="col">{t("guided.settings.time")}</th>
            <th scope="col">{t("guided.settings.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.source}>
              <th scope="row">{t(`guided.source.${s.source}`)}</th>
              <td className={`source-state state-${s.state}`}>{t(`guided.sourceState.${s.state}`)}</td>
              <td className="nowrap">{t("units.msValue", { value: f.ms(s.ms) })}</td>
              <td>
                <bdi dir="ltr" lang="en" className="mono small break">
                  {s.detail}
                </bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface CandidateListProps {
  candidates: readonly Candidate[];
  chosen: ChosenServer | null;
  platform: Platform;
  onChoose(server: ChosenServer): void;
}

/**
 * The discovered settings, best first, as a radio group: where each came from, whether the probe
 * proved it, the login methods offered, and the warnings that matter before a password is typed.
 */
export function CandidateList({ candidates, chosen, platform, onChoose }: CandidateListProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const knowledge = useKnowledge();
  if (candidates.length === 0) return <p className="muted">{t("guided.settings.none")}</p>;
  const title = (id: string, c: Candidate) =>
    findingView({ id: id as FindingId, params: {}, severity: "warning", evidence: [] }, knowledge?.findings ?? null, { host: c.host, port: c.port, address: c.probe?.address ?? null }, platform).title;
  // The settings that answered (and the chosen one) come first; those that did not are folded
  // away, still choosable, so a long list of failed guesses does not bury the answer.
  const shown = candidates.filter((c) => c.verified || sameServer(c, chosen));
  const folded = candidates.filter((c) => !shown.includes(c));
  const item = (c: Candidate) => {
    const id = `cand-${c.rank}`;
    const selected = sameServer(c, chosen);
    // "unverified" repeats the verdict line above it.
    const notes = c.notes.filter((n) => n.code !== "unverified");
    return (
      <li key={`${c.host}|${c.port}|${c.tls}`} className={`candidate${selected ? " is-chosen" : ""}${c.verified ? " is-verified" : ""}`}>
        <input
          id={id}
          type="radio"
          name="candidate"
          checked={selected}
          aria-describedby={`${id}-facts`}
          onChange={() => onChoose({ host: c.host, port: c.port, tls: c.tls, source: c.source, verified: c.verified, trusted: c.credentialsWithoutConfirmation })}
        />
        <div className="candidate-body">
          <label htmlFor={id} className="candidate-title">
            <bdi dir="ltr" className="mono">
              {c.host}:{c.port}
            </bdi>{" "}
            · {t(`guided.tlsMode.${c.tls}`)}
          </label>
          <div id={`${id}-facts`} className="candidate-facts">
            <p className={`candidate-verdict ${c.verified ? "ok" : "bad"}`}>
              {c.verified ? <IconOk /> : <IconError />}
              <span>{c.verified ? t("guided.settings.verified") : t("guided.settings.notVerified")}</span>
              {c.verified && c.probe ? (
                <span className="muted">
                  {" · "}
                  {c.probe.auth.length > 0 ? (
                    <>
                      {t("guided.settings.auth")} <bdi dir="ltr" className="mono">{c.probe.auth.join(" ")}</bdi>
                    </>
                  ) : (
                    t("guided.settings.noAuth")
                  )}
                  {" · "}
                  {t("units.msValue", { value: f.ms(c.probe.ms) })}
                </span>
              ) : null}
            </p>
            <p className="candidate-origin small">
              {t("guided.settings.from")}{" "}
              {c.origins.map((o, i) => (
                <span key={i} className="origin">
                  {i > 0 ? " · " : ""}
                  <strong>{t(`guided.source.${o.source}`)}</strong>{" "}
                  <bdi dir="ltr" lang="en" className="mono break">
                    {o.detail}
                  </bdi>
                </span>
              ))}
            </p>
            {!c.verified && c.probe && c.probe.findings.length > 0 ? (
              <p className="small">
                {t("guided.settings.why")} {c.probe.findings.map((id) => title(id, c)).join(" · ")}
              </p>
            ) : null}
            {notes.length > 0 ? (
              <ul className="candidate-notes">
                {notes.map((n) => (
                  <li key={n.code}>
                    <IconWarning /> {t(`guided.note.${n.code}`)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      </li>
    );
  };
  return (
    <fieldset className="candidates">
      <legend className="subhead">{t("guided.settings.candidates")}</legend>
      {shown.length > 0 ? <ol className="candidate-list">{shown.map(item)}</ol> : null}
      {folded.length > 0 ? (
        <details className="candidates-folded" open={shown.length === 0 || undefined}>
          <summary>{t("guided.settings.folded", { count: folded.length })}</summary>
          <ol className="candidate-list">{folded.map(item)}</ol>
        </details>
      ) : null}
    </fieldset>
  );
}

/** "Use another server": what the user's program shows, when discovery is wrong or finds nothing. */
export function ManualServer({ state, onChoose }: { state: GuidedState; onChoose(server: ChosenServer): void }) {
  const { t } = useTranslation();
  const manual = state.chosen?.source === "manual" ? state.chosen : null;
  const [target, setTarget] = useState(manual ? `${manual.host}:${manual.port}` : "");
  const [tls, setTls] = useState<SubmissionTls>(manual?.tls ?? "starttls");
  const [error, setError] = useState<string | undefined>(undefined);
  const use = () => {
    try {
      const parsed = checkTarget(target);
      if (parsed.mx || parsed.port === undefined) throw new Error(t("guided.settings.manualNeedsPort"));
      setError(undefined);
      onChoose({ host: parsed.host, port: parsed.port, tls, source: "manual", verified: false, trusted: false });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <details className="form-section manual-server" open={manual !== null || undefined}>
      <summary className="form-section-title">{t("guided.settings.manual")}</summary>
      <p className="field-hint">{t("guided.settings.manualHint")}</p>
      <div className="manual-row">
        <Field name="manual" label={t("guided.settings.manualServer")} error={error}>
          {(a11y) => <input {...a11y} className="input mono" dir="ltr" type="text" spellCheck={false} placeholder="smtp.example.com:587" value={target} onChange={(e) => setTarget(e.target.value)} />}
        </Field>
        <div className="field">
          <label className="field-label" htmlFor="f-manual-tls">
            {t("guided.settings.manualTls")}
          </label>
          <select id="f-manual-tls" className="input" value={tls} onChange={(e) => setTls(e.target.value as SubmissionTls)}>
            {SUBMISSION_TLS.map((mode) => (
              <option key={mode} value={mode}>
                {t(`guided.tlsMode.${mode}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" onClick={use}>
          {t("guided.settings.useManual")}
        </button>
      </div>
    </details>
  );
}
