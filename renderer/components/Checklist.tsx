import { useState } from "react";
import { useTranslation } from "react-i18next";
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

/** A failure's checklist: tick steps as you go, keep notes, copy it all into the ticket. */
export function Checklist({ view }: { view: FindingView }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [notes, setNotes] = useState("");
  const notesId = `notes-${view.id}`.replace(/[^A-Za-z0-9_-]/g, "-");
  const check = (stepId: string, value: boolean) =>
    setDone((old) => {
      const next = new Set(old);
      if (value) next.add(stepId);
      else next.delete(stepId);
      return next;
    });
  return (
    <div className="checklist">
      <div className="checklist-head">
        <h4>{t("findings.checklist")}</h4>
        <span className="muted">{t("findings.progress", { done: done.size, total: view.checklist.length })}</span>
      </div>
      <ol className="steps">
        {view.checklist.map((step, index) => (
          <Step key={step.id} step={step} index={index} findingId={view.id} checked={done.has(step.id)} onCheck={(v) => check(step.id, v)} />
        ))}
      </ol>
      <label className="field-label" htmlFor={notesId}>
        {t("findings.notes")}
      </label>
      <textarea id={notesId} className="input" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="checklist-actions">
        <CopyButton label={t("findings.copyChecklist")} text={() => checklistText(view, done, notes)} />
      </div>
    </div>
  );
}
