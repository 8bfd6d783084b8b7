import { useMemo, useReducer } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../../shared/contract/findings";
import { checklistReducer, type ChecklistAction, type ChecklistStates } from "../model/checklist-state";
import { alternativePorts, findingView, isIsoDate, sortFindings, type FindingView, type Platform, type TargetFacts, type ValueFormatter } from "../model/finding-view";
import { useKnowledge, useKnowledgeState } from "../state/knowledge";
import { useFormat } from "../state/use-format";
import { AltPortsTable } from "./AltPortsTable";
import { Checklist } from "./Checklist";
import { SeverityIcon } from "./Icons";

interface CardProps {
  view: FindingView;
  onJump(evidence: number[]): void;
  checklists: ChecklistStates;
  onChecklist(action: ChecklistAction): void;
}

function FindingCard({ view, onJump, checklists, onChecklist }: CardProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `finding-${view.id}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <li className={`finding sev-${view.severity}`}>
      <article aria-labelledby={headingId}>
        <header className="finding-head">
          <SeverityIcon severity={view.severity} label={t(`severity.${view.severity}`)} />
          <h3 id={headingId} className="finding-title">
            {view.hasText ? f.bidi(view.title) : <code dir="ltr">{view.id}</code>}
          </h3>
          {view.hasText ? (
            <code className="tag" dir="ltr">
              {view.id}
            </code>
          ) : null}
        </header>
        {view.hasText ? (
          <>
            <p className="finding-text">{f.bidi(view.description)}</p>
            {view.severity !== "info" && view.howToFix ? (
              <div className="finding-fix">
                <h4>{t("findings.howToFix")}</h4>
                <p>{f.bidi(view.howToFix)}</p>
              </div>
            ) : null}
          </>
        ) : (
          <>
            {view.description ? (
              <p className="finding-text mono" dir="ltr">
                {view.description}
              </p>
            ) : null}
            <p className="muted small">{t("findings.noText")}</p>
          </>
        )}
        {view.checklist.length > 0 && view.severity !== "info" ? (
          <Checklist
            view={view}
            entry={checklists[view.id]}
            onChange={{
              check: (step, done) => onChecklist({ type: "check", id: view.id, step, done }),
              notes: (notes) => onChecklist({ type: "notes", id: view.id, notes }),
            }}
          />
        ) : null}
        <div className="finding-actions">
          {view.whenSeen ? (
            <details className="finding-more">
              <summary>{t("findings.whenSeen")}</summary>
              <p>{f.bidi(view.whenSeen)}</p>
            </details>
          ) : null}
          {view.evidence.length > 0 ? (
            <button type="button" className="btn btn-link" onClick={() => onJump(view.evidence)}>
              {t("findings.showEvidence")}
            </button>
          ) : null}
        </div>
      </article>
    </li>
  );
}

interface FindingsPanelProps {
  findings: readonly Finding[];
  target: TargetFacts | null;
  platform: Platform;
  onJump(evidence: number[]): void;
  onTryPort(port: number, tls: string): void;
  /**
   * Ticked steps and notes per finding, when the caller keeps them with its run (the check page
   * does, so exports include them); without these the panel keeps its own.
   */
  checklists?: ChecklistStates;
  onChecklist?(action: ChecklistAction): void;
}

export function FindingsPanel({ findings, target, platform, onJump, onTryPort, ...controlled }: FindingsPanelProps) {
  const [own, dispatchOwn] = useReducer(checklistReducer, {});
  const checklists = controlled.checklists ?? own;
  const onChecklist = controlled.onChecklist ?? dispatchOwn;
  const { t } = useTranslation();
  const knowledge = useKnowledge();
  const loading = useKnowledgeState().status === "loading";
  const f = useFormat();
  const texts = knowledge?.findings ?? null;
  const views = useMemo(() => {
    const format: ValueFormatter = (value) => (isIsoDate(value) ? f.date(value) : value);
    return sortFindings(findings.filter((x) => x.id !== "port.alternative-open")).map((x) => findingView(x, texts, target, platform, format));
  }, [findings, texts, target, platform, f]);
  const ports = useMemo(() => alternativePorts(findings), [findings]);
  if (findings.length === 0) return null;
  return (
    <section className="panel findings" aria-labelledby="findings-title" aria-busy={loading}>
      <header className="panel-header">
        <h2 id="findings-title" className="panel-title">
          {t("findings.title")} <span className="count">{findings.length}</span>
        </h2>
      </header>
      {ports.length > 0 ? <AltPortsTable ports={ports} onTryPort={onTryPort} onJump={onJump} /> : null}
      <ul className="finding-list">
        {views.map((view, index) => (
          <FindingCard key={`${view.id}-${index}`} view={view} onJump={onJump} checklists={checklists} onChecklist={onChecklist} />
        ))}
      </ul>
    </section>
  );
}
