import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MatrixRow, MatrixStage } from "../../../shared/contract/matrix";
import type { FindingId } from "../../../shared/contract/findings";
import { findingView, type Platform } from "../../model/finding-view";
import { cellFinding, stageEvidence, targetLabel } from "../../model/matrix-grid";
import { buildTimeline, type FindingRow } from "../../model/timeline";
import { useKnowledge } from "../../state/knowledge";
import { useFormat } from "../../state/use-format";
import { FindingsPanel } from "../FindingsPanel";
import { Timeline, type JumpRequest } from "../Timeline";
import { StatusMark } from "./MatrixGrid";

interface CellDetailProps {
  row: MatrixRow;
  stage: MatrixStage;
  platform: Platform;
  onClose(): void;
}

/**
 * One cell opened: what the stage checks, its verdict and time, the finding behind it explained
 * from the knowledge base, and the row's full transcript (read-only), where the stage's own
 * lines can be highlighted.
 */
export function CellDetail({ row, stage, platform, onClose }: CellDetailProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const knowledge = useKnowledge();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cell = row.stages[stage];
  const label = targetLabel(row.target);
  const timeline = useMemo(() => buildTimeline(row.result.events), [row]);
  const target = useMemo(() => ({ host: row.result.target.host, port: row.result.target.port, address: row.result.target.address }), [row]);
  const findingId = cellFinding(cell);
  // The cell's own finding first; the row's other problems follow (the alternative-ports table
  // belongs to the check screen, where its "try" buttons have a form to fill).
  const findings = useMemo(
    () => row.result.findings.filter((x) => x.id !== "port.alternative-open" && (x.severity !== "info" || x.id === findingId)).sort((a, b) => Number(b.id === findingId) - Number(a.id === findingId)),
    [row, findingId],
  );
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const onJump = useCallback((seqs: number[]) => setJump((old) => ({ seqs, n: (old?.n ?? 0) + 1 })), []);
  const findingTitle = useCallback(
    (r: FindingRow) => findingView({ id: r.id as FindingId, params: r.params, severity: "info", evidence: [] }, knowledge?.findings ?? null, target, platform).title,
    [knowledge, target, platform],
  );

  const stageLines = useMemo(() => stageEvidence(row, stage), [row, stage]);

  // A newly opened cell: its heading takes focus, so keyboard users land on what they opened
  // (the transcript moves focus only when asked to, with the button below).
  useEffect(() => {
    headingRef.current?.focus();
    setJump(null);
  }, [row, stage]);

  return (
    <section className="panel cell-detail" aria-labelledby="cell-detail-title">
      <header className="panel-header">
        <h2 id="cell-detail-title" className="panel-title" tabIndex={-1} ref={headingRef}>
          <span className={`cell-verdict status-${cell.status}`}>
            <StatusMark status={cell.status} />
          </span>
          <span>
            {t(`matrix.stage.${stage}`)} · <bdi dir="ltr" className="mono">{label}</bdi> · {t(`matrix.tlsMode.${row.target.tls}`)}
          </span>
        </h2>
        <button type="button" className="btn btn-small btn-secondary panel-meta" onClick={onClose}>
          {t("matrix.close")}
        </button>
      </header>
      <dl className="facts cell-facts">
        <div>
          <dt>{t("matrix.verdict")}</dt>
          <dd>
            {t(`matrix.status.${cell.status}`)}
            {cell.ms !== null ? ` · ${t("units.msValue", { value: f.ms(cell.ms) })}` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("matrix.checks")}</dt>
          <dd>{t(`matrix.about.${stage}`)}</dd>
        </div>
        {cell.detail !== null && findingId === null ? (
          <div>
            <dt>{t("matrix.detail")}</dt>
            <dd>
              <bdi lang="en" dir="ltr" className="mono">
                {cell.detail}
              </bdi>
            </dd>
          </div>
        ) : null}
      </dl>
      {stageLines.length > 0 ? (
        <p className="cell-actions">
          <button type="button" className="btn btn-small" onClick={() => onJump(stageLines)}>
            {t("matrix.showLines")}
          </button>
        </p>
      ) : null}
      <FindingsPanel findings={findings} target={target} platform={platform} onJump={onJump} onTryPort={() => undefined} />
      <Timeline rows={timeline.rows} events={row.result.events} running={false} jump={jump} onJump={onJump} findingTitle={findingTitle} />
    </section>
  );
}
