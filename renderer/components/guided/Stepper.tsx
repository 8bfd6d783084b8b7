import { useTranslation } from "react-i18next";
import { canEnter, GUIDED_STEPS, type GuidedState, type GuidedStep } from "../../model/guided-steps";
import { stepOutcome, type StepOutcome } from "../../model/guided-verdict";
import { IconError, IconOk, IconWarning } from "../Icons";

/** A step's outcome as a shape and a word (never colour alone). */
export function OutcomeMark({ outcome }: { outcome: StepOutcome }) {
  if (outcome === "pass") return <IconOk className="mark" />;
  if (outcome === "warn" || outcome === "stale") return <IconWarning className="mark" />;
  if (outcome === "fail") return <IconError className="mark" />;
  if (outcome === "running") return <span className="spinner spinner-small" aria-hidden="true" />;
  return <span className="mark mark-pending" aria-hidden="true" />;
}

/**
 * The seven steps as an ordered list of buttons: the current one marked for assistive
 * technology (aria-current="step"), each with its outcome; steps that cannot be opened yet
 * (no address, no server chosen) are disabled.
 */
export function Stepper({ state, onGo }: { state: GuidedState; onGo(step: GuidedStep): void }) {
  const { t } = useTranslation();
  return (
    <nav className="stepper" aria-label={t("guided.stepsLabel")}>
      <ol className="stepper-list">
        {GUIDED_STEPS.map((step, index) => {
          const outcome = step === "summary" ? null : stepOutcome(state, step);
          const current = state.step === step;
          return (
            <li key={step} className={`stepper-item${current ? " is-current" : ""}${outcome ? ` outcome-${outcome}` : ""}`}>
              <button type="button" className="stepper-button" aria-current={current ? "step" : undefined} disabled={!canEnter(state, step)} onClick={() => onGo(step)}>
                <span className="stepper-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="stepper-text">
                  <span className="stepper-title">{t(`guided.steps.${step}.title`)}</span>
                  {outcome && outcome !== "pending" ? (
                    <span className="stepper-outcome">
                      <OutcomeMark outcome={outcome} />
                      <span>{t(`guided.outcome.${outcome}`)}</span>
                    </span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
