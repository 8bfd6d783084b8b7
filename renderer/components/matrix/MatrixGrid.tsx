import { useTranslation } from "react-i18next";
import { MATRIX_STAGES, type MatrixRow, type MatrixStage, type StageStatus } from "../../../shared/contract/matrix";
import { gridCounts, targetLabel } from "../../model/matrix-grid";
import { useFormat } from "../../state/use-format";
import type { SelectedCell } from "../../state/use-matrix-view";
import { IconError, IconOk, IconWarning } from "../Icons";

/** A status as a shape and a word, never colour alone. */
export function StatusMark({ status }: { status: StageStatus }) {
  if (status === "pass") return <IconOk className="mark" />;
  if (status === "warn") return <IconWarning className="mark" />;
  if (status === "fail") return <IconError className="mark" />;
  return (
    <span className="mark mark-skip" aria-hidden="true">
      –
    </span>
  );
}

interface MatrixGridProps {
  rows: readonly MatrixRow[];
  running: boolean;
  selected: SelectedCell | null;
  onSelect(cell: SelectedCell | null): void;
  /** Says what the grid is about, for screen readers ("Matrix for smtp.example.com"). */
  caption: string;
}

/**
 * Targets down, stages across (DNS, connect, greeting, EHLO, TLS, certificate, AUTH, RCPT): each
 * cell a button with its verdict and time that opens the row's transcript at that stage; the
 * row's own verdict marks its name. Rows appear as their checks end; a table mirrors by itself
 * in right-to-left languages.
 */
export function MatrixGrid({ rows, running, selected, onSelect, caption }: MatrixGridProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = gridCounts(rows);
  return (
    <div className="matrix-grid-block">
      <p className="matrix-progress" aria-live="polite">
        {running ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
        <span>
          {running ? t("matrix.progress", { count: rows.length }) : t("matrix.rows", { count: rows.length })}
          {rows.length > 0 ? ` · ${t("matrix.counts", { pass: f.number(counts.pass), warn: f.number(counts.warn), fail: f.number(counts.fail) })}` : ""}
        </span>
      </p>
      {rows.length > 0 ? (
        <div className="matrix-scroll" role="region" aria-label={caption} tabIndex={0}>
          <table className="matrix-grid">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("matrix.target")}</th>
                <th scope="col">{t("matrix.tls")}</th>
                {MATRIX_STAGES.map((stage) => (
                  <th key={stage} scope="col">
                    {t(`matrix.stage.${stage}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = targetLabel(row.target);
                return (
                  <tr key={row.index} className={`matrix-row verdict-${row.verdict}`}>
                    <th scope="row">
                      <span className={`cell-verdict status-${row.verdict}`}>
                        <StatusMark status={row.verdict} />
                        <span className="sr-only">{t(`matrix.status.${row.verdict}`)}</span>
                        <bdi dir="ltr" className="mono">
                          {label}
                        </bdi>
                      </span>
                    </th>
                    <td className="matrix-tls">{t(`matrix.tlsMode.${row.target.tls}`)}</td>
                    {MATRIX_STAGES.map((stage) => (
                      <td key={stage}>
                        <Cell row={row} stage={stage} label={label} selected={selected?.index === row.index && selected.stage === stage} onSelect={onSelect} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="matrix-legend muted small">{t("matrix.legend")}</p>
    </div>
  );
}

function Cell({ row, stage, label, selected, onSelect }: { row: MatrixRow; stage: MatrixStage; label: string; selected: boolean; onSelect(cell: SelectedCell | null): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const cell = row.stages[stage];
  const time = cell.ms === null ? null : t("units.msValue", { value: f.ms(cell.ms) });
  const name = `${label}, ${t(`matrix.stage.${stage}`)}: ${t(`matrix.status.${cell.status}`)}${time ? `, ${time}` : ""}`;
  return (
    <button
      type="button"
      className={`cell status-${cell.status}${selected ? " is-selected" : ""}`}
      aria-pressed={selected}
      aria-label={name}
      title={cell.detail ?? undefined}
      onClick={() => onSelect(selected ? null : { index: row.index, stage })}
    >
      <StatusMark status={cell.status} />
      {/* The number alone keeps eight columns narrow; the legend and the name give the unit. */}
      {cell.ms !== null ? <span className="cell-time">{f.ms(cell.ms)}</span> : null}
    </button>
  );
}
