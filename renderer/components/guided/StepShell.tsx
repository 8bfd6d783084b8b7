import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GUIDED_STEPS, type GuidedStep, type StepRecord } from "../../model/guided-steps";
import type { StepOutcome } from "../../model/guided-verdict";
import { NOT_CONNECTED_FIELD } from "../../transport/ws-bridge";
import { IconPlay, IconStop } from "../Icons";
import { OutcomeMark } from "./Stepper";

interface StepShellProps {
  step: GuidedStep;
  record: StepRecord;
  outcome: StepOutcome | null;
  /** The step's inputs (forms), above the run button. */
  inputs?: ReactNode;
  /** Runs the step; absent for steps that run nothing. */
  onRun?: () => void;
  onCancel?: () => void;
  /** The evidence: what was seen, as data. */
  children?: ReactNode;
  /** What it means, in plain words (and the knowledge base's explanations). */
  explanation?: ReactNode;
  onNotes(text: string): void;
  onBack?: () => void;
  onNext?: () => void;
  nextLabel?: string;
  nextDisabled?: boolean;
}

/**
 * The frame every step shares: "Step 3 of 7", the title and what the step proves; its inputs
 * and Run / Run again / Cancel; what the result means in plain words, then the evidence behind
 * it; the helpdesk's notes; Back and Next. When a step opens, its heading takes focus, so keyboard and screen-reader users start
 * reading at the top of the new step.
 */
export function StepShell(props: StepShellProps) {
  const { step, record, outcome } = props;
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);
  const index = GUIDED_STEPS.indexOf(step) + 1;
  const running = record.status === "running";
  const notesId = `guided-notes-${step}`;
  return (
    <section className="panel guided-step" aria-labelledby="guided-step-title">
      <header className="guided-step-head">
        <p className="guided-step-count">{t("guided.stepOf", { n: index, total: GUIDED_STEPS.length })}</p>
        <h2 id="guided-step-title" className="guided-step-title" tabIndex={-1} ref={headingRef}>
          {t(`guided.steps.${step}.title`)}
        </h2>
        <p className="guided-step-lead">{t(`guided.steps.${step}.lead`)}</p>
      </header>
      {props.inputs}
      {props.onRun ? (
        <div className="guided-run">
          {running ? (
            // Checks show their own Cancel in their status bar; only the method calls need this one.
            props.onCancel ? (
              <button key="cancel" type="button" className="btn btn-danger" onClick={props.onCancel}>
                <IconStop />
                <span>{t("check.cancel")}</span>
              </button>
            ) : null
          ) : (
            <button key="run" type="button" className="btn btn-primary guided-run-button" onClick={props.onRun}>
              <IconPlay />
              <span>{record.runs > 0 ? t("guided.runAgain") : t(`guided.steps.${step}.run`)}</span>
            </button>
          )}
          {outcome && outcome !== "pending" ? (
            <span className={`guided-outcome outcome-${outcome}`} role="status">
              <OutcomeMark outcome={outcome} />
              <span>{t(`guided.outcome.${outcome}`)}</span>
            </span>
          ) : null}
        </div>
      ) : null}
      {record.stale && !running ? <p className="guided-note guided-stale">{t("guided.staleHint")}</p> : null}
      {record.error && !running ? (
        <p className="guided-note guided-error" role="alert">
          {record.error.field === NOT_CONNECTED_FIELD ? (
            t("connection.notConnected")
          ) : (
            <>
              {t("guided.runFailed")}{" "}
              <span lang="en" dir="auto" className="guided-error-detail">
                {record.error.message}
              </span>
            </>
          )}
        </p>
      ) : null}
      {props.explanation ? (
        <section className="guided-explain" aria-labelledby={`guided-explain-${step}`}>
          <h3 id={`guided-explain-${step}`} className="subhead">
            {t("guided.whatItMeans")}
          </h3>
          {props.explanation}
        </section>
      ) : null}
      {props.children ? <div className="guided-evidence">{props.children}</div> : null}
      <div className="field guided-notes">
        <label className="field-label" htmlFor={notesId}>
          {t("guided.notes")}
        </label>
        <textarea id={notesId} className="input" rows={3} value={record.notes} placeholder={t("guided.notesPlaceholder")} onChange={(e) => props.onNotes(e.target.value)} />
      </div>
      <footer className="guided-nav">
        {props.onBack ? (
          <button type="button" className="btn" onClick={props.onBack}>
            {t("guided.back")}
          </button>
        ) : null}
        {props.onNext ? (
          <button type="button" className="btn btn-primary guided-next" onClick={props.onNext} disabled={props.nextDisabled}>
            {props.nextLabel ?? t("guided.next")}
          </button>
        ) : null}
      </footer>
    </section>
  );
}
