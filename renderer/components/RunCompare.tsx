import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../../shared/contract/findings";
import type { HistoryHeader, RunComparisonData } from "../../shared/contract/history";
import { findingView, type Platform } from "../model/finding-view";
import { runTarget } from "../model/history-list";
import { replyRows, timingRows, unchanged, type TimingRow } from "../model/run-compare-view";
import { useKnowledge } from "../state/knowledge";
import { useFormat } from "../state/use-format";
import { IconError, IconOk, IconWarning, SeverityIcon } from "./Icons";

const OUTCOME_ICON = { ok: IconOk, warning: IconWarning, failed: IconError, cancelled: IconWarning } as const;

function RunCard({ header, label }: { header: HistoryHeader; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const Icon = OUTCOME_ICON[header.outcome];
  return (
    <div className={`compare-run status-${header.outcome}`}>
      <p className="muted small">{label}</p>
      <p className="compare-run-outcome">
        <Icon className="status-icon" /> {t(`outcome.${header.outcome}`)}
      </p>
      <p className="small">
        {f.date(header.startedAt)} · {t("units.msValue", { value: f.ms(header.durationMs) })}
      </p>
    </div>
  );
}

function FindingList({ title, findings, kind, platform, host, port }: { title: string; findings: Finding[]; kind: "added" | "gone"; platform: Platform; host: string; port: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const knowledge = useKnowledge();
  if (findings.length === 0) return null;
  return (
    <div className={`compare-findings compare-${kind}`}>
      <h4 className="subhead">
        <span aria-hidden="true">{kind === "added" ? "+ " : "− "}</span>
        {title}
      </h4>
      <ul className="plain-list">
        {findings.map((finding, index) => {
          const view = findingView(finding, knowledge?.findings ?? null, { host, port, address: null }, platform);
          return (
            <li key={`${finding.id}-${index}`}>
              <SeverityIcon severity={finding.severity} label={t(`severity.${finding.severity}`)} /> {view.hasText ? f.bidi(view.title) : null}{" "}
              <code className="tag" dir="ltr">
                {finding.id}
              </code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Delta({ row }: { row: TimingRow }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (row.trend === "missing" || row.deltaMs === null) return <span className="muted">{t("compareRuns.notReached")}</span>;
  if (row.trend === "same") return <span className="muted">{t("compareRuns.same")}</span>;
  const ms = f.ms(Math.abs(row.deltaMs));
  return <span className={`delta delta-${row.trend}`}>{row.trend === "slower" ? t("compareRuns.slower", { ms }) : t("compareRuns.faster", { ms })}</span>;
}

function Ms({ value }: { value: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  return value === null ? <span className="muted">—</span> : <>{t("units.msValue", { value: f.ms(value) })}</>;
}

function Bar({ share, which }: { share: number; which: "before" | "after" }) {
  return (
    <span className="cmp-track" aria-hidden="true">
      <span className={`cmp-bar cmp-${which}`} style={{ inlineSize: `${Math.max(share * 100, share > 0 ? 1 : 0)}%` }} />
    </span>
  );
}

/**
 * Two runs of one server side by side: what changed in the verdict, the findings that came or
 * went, the replies that differ (matched by command and occurrence), and time per phase.
 */
export function RunCompare({ comparison, platform, onBack }: { comparison: RunComparisonData; platform: Platform; onBack(): void }) {
  const { t } = useTranslation();
  const timing = useMemo(() => timingRows(comparison.timing), [comparison]);
  const replies = useMemo(() => replyRows(comparison.replies), [comparison]);
  const { host, port } = comparison.after;
  const sameFindings = comparison.findings.added.length + comparison.findings.gone.length === 0;
  return (
    <section className="panel run-compare" aria-labelledby="run-compare-title">
      <header className="panel-header">
        <h2 id="run-compare-title" className="panel-title">
          {t("compareRuns.title")}{" "}
          <bdi dir="ltr" className="mono">
            {runTarget(comparison.after)}
          </bdi>
        </h2>
        <button type="button" className="btn btn-secondary btn-small panel-meta" onClick={onBack}>
          {t("compareRuns.back")}
        </button>
      </header>
      <div className="compare-runs">
        <RunCard header={comparison.before} label={t("compareRuns.before")} />
        <RunCard header={comparison.after} label={t("compareRuns.after")} />
      </div>
      {unchanged(comparison) ? <p className="compare-unchanged">{t("compareRuns.unchanged")}</p> : null}

      <h3 className="subhead">{t("compareRuns.findings")}</h3>
      {sameFindings ? (
        <p className="muted">{t("compareRuns.noFindingChange")}</p>
      ) : (
        <div className="compare-finding-lists">
          <FindingList title={t("compareRuns.added")} findings={comparison.findings.added} kind="added" platform={platform} host={host} port={port} />
          <FindingList title={t("compareRuns.gone")} findings={comparison.findings.gone} kind="gone" platform={platform} host={host} port={port} />
        </div>
      )}

      <h3 className="subhead">{t("compareRuns.replies")}</h3>
      {replies.length === 0 ? (
        <p className="muted">{t("compareRuns.noReplyChange")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table replies-table">
            <thead>
              <tr>
                <th scope="col">{t("compareRuns.command")}</th>
                <th scope="col">{t("compareRuns.before")}</th>
                <th scope="col">{t("compareRuns.after")}</th>
              </tr>
            </thead>
            <tbody>
              {replies.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <bdi dir="ltr" className="mono">
                      {row.occurrence > 1 ? t("compareRuns.occurrence", { command: row.command, n: row.occurrence }) : row.command}
                    </bdi>
                    {row.codeChanged ? <span className="tag tag-warning">{t("compareRuns.codeChanged")}</span> : null}
                  </th>
                  {[row.before, row.after].map((lines, index) => (
                    <td key={index}>
                      {lines === null ? (
                        <span className="muted">{t("compareRuns.noReply")}</span>
                      ) : (
                        <pre className="reply-lines" dir="ltr">
                          {lines.join("\n")}
                        </pre>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="subhead">{t("compareRuns.timing")}</h3>
      <div className="table-scroll">
        <table className="data-table timing-table">
          <thead>
            <tr>
              <th scope="col">{t("compareRuns.phase")}</th>
              <th scope="col" className="num">
                {t("compareRuns.before")}
              </th>
              <th scope="col" className="num">
                {t("compareRuns.after")}
              </th>
              <th scope="col">{t("compareRuns.difference")}</th>
            </tr>
          </thead>
          <tbody>
            {timing.map((row) => (
              <tr key={row.phase}>
                <th scope="row">{t(`compareRuns.phases.${row.phase}`)}</th>
                <td className="num">
                  <Ms value={row.beforeMs} />
                  <Bar share={row.beforeShare} which="before" />
                </td>
                <td className="num">
                  <Ms value={row.afterMs} />
                  <Bar share={row.afterShare} which="after" />
                </td>
                <td>
                  <Delta row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
