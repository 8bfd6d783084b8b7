import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { HistoryHeader } from "../../shared/contract/history";
import { numberLocale } from "../i18n/pick-language";
import { runTarget, severityCounts } from "../model/history-list";
import { useFormat } from "../state/use-format";
import { ExportMenu } from "./ExportMenu";
import { IconError, IconOk, IconPlay, IconWarning, SeverityIcon } from "./Icons";

const OUTCOME_ICON = { ok: IconOk, warning: IconWarning, failed: IconError, cancelled: IconWarning } as const;

interface HistoryTableProps {
  runs: readonly HistoryHeader[];
  selected: readonly string[];
  onSelect(id: string, on: boolean): void;
  onOpen(run: HistoryHeader): void;
  onRunAgain(run: HistoryHeader): void;
  onDelete(run: HistoryHeader): void;
  bridge: EhloBridge;
  offerEhlo: boolean;
}

function Findings({ run }: { run: HistoryHeader }) {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = severityCounts(run);
  if (counts.error + counts.warning === 0) return <span className="muted">{t("history.noFindings")}</span>;
  return (
    <span className="finding-counts">
      {(["error", "warning"] as const).map((severity) =>
        counts[severity] > 0 ? (
          <span key={severity} className="finding-count">
            <SeverityIcon severity={severity} label={t(`severity.${severity}`)} />
            {f.number(counts[severity])}
          </span>
        ) : null,
      )}
    </span>
  );
}

/** The saved runs, newest first: one row each, with its actions labelled by server and time. */
export function HistoryTable({ runs, selected, onSelect, onOpen, onRunAgain, onDelete, bridge, offerEhlo }: HistoryTableProps) {
  const { t } = useTranslation();
  const f = useFormat();
  // With seconds: two runs of one server a minute apart must not look the same.
  const when = useMemo(() => new Intl.DateTimeFormat(numberLocale(f.lang), { dateStyle: "medium", timeStyle: "medium" }), [f.lang]);
  return (
    <div className="table-scroll">
      <table className="data-table history-table">
        <caption className="sr-only">{t("history.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("history.columns.select")}</th>
            <th scope="col">{t("history.columns.started")}</th>
            <th scope="col">{t("history.columns.server")}</th>
            <th scope="col">{t("history.columns.tls")}</th>
            <th scope="col">{t("history.columns.outcome")}</th>
            <th scope="col">{t("history.columns.findings")}</th>
            <th scope="col">{t("history.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const server = runTarget(run);
            const time = when.format(new Date(run.startedAt));
            const names = { server, time };
            const Icon = OUTCOME_ICON[run.outcome];
            const checked = selected.includes(run.id);
            const imported = run.source === "import";
            return (
              <tr key={run.id} className={checked ? "is-selected" : undefined} data-run-id={run.id}>
                <td>
                  <input type="checkbox" checked={checked} onChange={(e) => onSelect(run.id, e.target.checked)} aria-label={t("history.select", names)} />
                </td>
                <td className="nowrap">{time}</td>
                <td>
                  <bdi dir="ltr" className="mono break">
                    {server}
                  </bdi>
                  {imported ? <span className="tag history-imported">{t("history.imported")}</span> : null}
                </td>
                <td className="nowrap">{t(`tls.${run.tls}`, { defaultValue: run.tls })}</td>
                <td className={`nowrap outcome-cell outcome-${run.outcome}`}>
                  <Icon className="outcome-icon" /> {t(`outcome.${run.outcome}`)}
                </td>
                <td>
                  <Findings run={run} />
                </td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="btn btn-small btn-primary" onClick={() => onOpen(run)} aria-label={t("history.openLabel", names)}>
                      {t("history.open")}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-secondary"
                      onClick={() => onRunAgain(run)}
                      aria-label={imported ? t("history.fillFormLabel", { server }) : t("history.runAgainLabel", { server })}
                    >
                      {imported ? null : <IconPlay />}
                      <span>{imported ? t("history.fillForm") : t("history.runAgain")}</span>
                    </button>
                    <ExportMenu bridge={bridge} source={{ kind: "history", id: run.id }} offerEhlo={offerEhlo} label={t("history.exportLabel", names)} small modal />
                    <button type="button" className="btn btn-small btn-danger" onClick={() => onDelete(run)} aria-label={t("history.deleteLabel", names)}>
                      {t("history.delete")}
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
