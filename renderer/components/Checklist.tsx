import { useTranslation } from "react-i18next";
import { EMPTY_CHECKLIST, type ChecklistEntry } from "../model/checklist-state";
import type { CommandGroup, FindingView, StepView } from "../model/finding-view";
import { useFormat } from "../state/use-format";
import { CopyButton } from "./CopyButton";

/** Commands for one shell, each line with its own Copy button. */
function Commands({ group }: { group: CommandGroup }) {
  const { t } = useTranslation();
  return (
    <div className="commands">
      <p className="commands-shell">{t(`shell.${group.shell}`)}</p>
      <ul className="command-list">
        {group.lines.map((line, index) => (
          <li key={index} className="command">
            <code dir="ltr">{line}</code>
            <CopyButton compact text={line} label={t("findings.copyCommand")} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Step({ step, index, checked, onCheck, findingId }: { step: StepView; index: number; checked: boolean; onCheck(v: boolean): void; findingId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const native = step.commands.filter((group) => group.native);
  const others = step.commands.filter((group) => !group.native);
  const id = `step-${findingId}-${step.id}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <li className={`step${checked ? " is-done" : ""}`}>
      <div className="step-head">
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onCheck(e.target.checked)} />
        <label htmlFor={id}>
          <span className="step-number" aria-hidden="true">
            {index + 1}.
          </span>{" "}
          {f.bidi(step.text)}
        </label>
      </div>
      {native.map((group) => (
        <Commands key={group.shell} group={group} />
      ))}
      {others.length > 0 ? (
        <details className="other-commands">
          <summary>{native.length > 0 ? t("findings.otherSystems") : t("findings.commands")}</summary>
          {others.map((group) => (
            <Commands key={group.shell} group={group} />
          ))}
        </details>
      ) : null}
    </li>
  );
}

/** The checklist text for a ticket: steps with [x]/[ ], then the notes. */
export function checklistText(view: FindingView, done: ReadonlySet<string>, notes: string): string {
  const lines = [`${view.title} (${view.id})`, ...view.checklist.map((step, i) => `[${done.has(step.id) ? "x" : " "}] ${i + 1}. ${step.text}`)];
  if (notes.trim() !== "") lines.push("", notes.trim());
  return lines.join("\n");
}

export interface ChecklistChange {
  check(step: string, done: boolean): void;
  notes(text: string): void;
}

/**
 * A failure's checklist: tick steps as you go, keep notes, copy it all into the ticket. The
 * state lives with the run on screen (not here), so exported reports include it too.
 */
export function Checklist({ view, entry = EMPTY_CHECKLIST, onChange }: { view: FindingView; entry?: ChecklistEntry; onChange: ChecklistChange }) {
  const { t } = useTranslation();
  const done: ReadonlySet<string> = new Set(entry.checked);
  const notesId = `notes-${view.id}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <div className="checklist">
      <div className="checklist-head">
        <h4>{t("findings.checklist")}</h4>
        <span className="muted">{t("findings.progress", { done: view.checklist.filter((step) => done.has(step.id)).length, total: view.checklist.length })}</span>
      </div>
      <ol className="steps">
        {view.checklist.map((step, index) => (
          <Step key={step.id} step={step} index={index} findingId={view.id} checked={done.has(step.id)} onCheck={(v) => onChange.check(step.id, v)} />
        ))}
      </ol>
      <label className="field-label" htmlFor={notesId}>
        {t("findings.notes")}
      </label>
      <textarea id={notesId} className="input" rows={2} value={entry.notes} onChange={(e) => onChange.notes(e.target.value)} />
      <div className="checklist-actions">
        <CopyButton label={t("findings.copyChecklist")} text={() => checklistText(view, done, entry.notes)} />
      </div>
    </div>
  );
}
