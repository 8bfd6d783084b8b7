import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo } from "../../shared/contract/api";
import type { EhloBridge } from "../../shared/contract/bridge";
import { validateIntake, type FieldErrors } from "../model/guided-requests";
import { nextStep, previousStep, type CheckStep, type GuidedStep } from "../model/guided-steps";
import { guidedVerdict, stepOutcome } from "../model/guided-verdict";
import { verdictParams } from "../model/guided-ticket";
import type { Guided } from "../state/use-guided";
import { fieldId } from "./form/Field";
import { AuthInputs, SendInputs } from "./guided/CheckInputs";
import { CheckEvidence } from "./guided/CheckEvidence";
import { IntakeFields, QuotedReply } from "./guided/IntakeStep";
import { NetworkEvidence, WorkingPorts } from "./guided/NetworkStep";
import { CandidateList, ManualServer, SourceList } from "./guided/SettingsStep";
import { StepShell } from "./guided/StepShell";
import { Stepper } from "./guided/Stepper";
import { SummaryContent } from "./guided/SummaryStep";
import "../styles/matrix.css";
import "../styles/guided.css";

const INTAKE_ORDER = ["address", "dnsServer", "extraCaPem"];
const CHECK_ORDER = ["authUser", "password", "from", "to", "form"];

function focusFirst(errors: FieldErrors, order: string[]): void {
  requestAnimationFrame(() => {
    const name = order.find((field) => errors[field]);
    const element = name ? document.getElementById(fieldId(name)) : null;
    element?.closest("details")?.setAttribute("open", "");
    element?.focus();
  });
}

/**
 * The helpdesk walkthrough: a stepper beside the current step. Next runs the step it opens
 * when that step has not run for the current address and server (discovery, the matrix, the
 * TLS check); login and the sending test wait for their inputs.
 */
export function GuidedPage({ guided, info, bridge }: { guided: Guided; info: AppInfo | null; bridge: EhloBridge }) {
  const { t } = useTranslation();
  const { state, dispatch } = guided;
  const platform = info?.platform ?? "other";
  const [intakeErrors, setIntakeErrors] = useState<FieldErrors>({});
  const [intakeTried, setIntakeTried] = useState(false);
  const [checkErrors, setCheckErrors] = useState<Record<CheckStep, FieldErrors>>({ tls: {}, auth: {}, send: {} });

  useEffect(() => {
    if (intakeTried) setIntakeErrors(validateIntake(state.intake));
  }, [intakeTried, state.intake]);

  const go = (step: GuidedStep) => dispatch({ type: "go", step });
  const needsRun = (step: GuidedStep) => state.records[step].runs === 0 || state.records[step].stale;
  const runCheck = (step: CheckStep) => {
    const errors = guided.runCheck(step) ?? {};
    setCheckErrors((old) => ({ ...old, [step]: errors }));
    if (Object.keys(errors).length > 0) focusFirst(errors, CHECK_ORDER);
  };
  const shell = (step: GuidedStep) => ({
    step,
    record: state.records[step],
    outcome: step === "user" || step === "summary" ? null : stepOutcome(state, step),
    onNotes: (text: string) => dispatch({ type: "notes", step, text }),
    onBack: previousStep(step) ? () => go(previousStep(step) as GuidedStep) : undefined,
  });
  const explain = (step: "settings" | "network" | CheckStep, extra?: ReactNode) => {
    const outcome = stepOutcome(state, step);
    const params = verdictParams(state, guidedVerdict(state), (key, p) => t(key, p ?? {}));
    const key = outcome === "pass" || outcome === "warn" || outcome === "fail" ? `guided.explain.${step}.${outcome}` : "guided.explain.pending";
    return (
      <>
        <p>{t(key, params)}</p>
        {extra}
      </>
    );
  };

  let content: ReactNode;
  switch (state.step) {
    case "user":
      content = (
        <StepShell
          {...shell("user")}
          inputs={<IntakeFields intake={state.intake} errors={intakeErrors} onChange={(patch) => dispatch({ type: "intake", patch })} />}
          explanation={<QuotedReply text={state.intake.description} />}
          nextLabel={t("guided.steps.user.next")}
          onNext={() => {
            setIntakeTried(true);
            const errors = validateIntake(state.intake);
            setIntakeErrors(errors);
            if (Object.keys(errors).length > 0) return focusFirst(errors, INTAKE_ORDER);
            guided.confirm();
          }}
        />
      );
      break;
    case "settings":
      content = (
        <StepShell
          {...shell("settings")}
          onRun={guided.runSettings}
          onCancel={() => guided.cancel("settings")}
          explanation={explain("settings")}
          nextDisabled={state.chosen === null}
          onNext={() => {
            go("network");
            if (needsRun("network")) guided.runNetwork();
          }}
        >
          <SourceList sources={state.sources} />
          {state.discovery ? <CandidateList candidates={state.discovery.candidates} chosen={state.chosen} platform={platform} onChoose={(server) => dispatch({ type: "choose", server })} /> : null}
          <ManualServer state={state} onChoose={(server) => dispatch({ type: "choose", server })} />
        </StepShell>
      );
      break;
    case "network":
      content = (
        <StepShell
          {...shell("network")}
          onRun={guided.runNetwork}
          onCancel={() => guided.cancel("network")}
          explanation={explain("network", <WorkingPorts state={state} />)}
          onNext={() => {
            go("tls");
            if (needsRun("tls")) runCheck("tls");
          }}
        >
          <NetworkEvidence state={state} platform={platform} />
        </StepShell>
      );
      break;
    case "tls":
    case "auth":
    case "send": {
      const step = state.step;
      const inputs =
        step === "auth" ? (
          <AuthInputs state={state} password={guided.password} errors={checkErrors.auth} onAuth={(patch) => dispatch({ type: "auth", patch })} onPassword={guided.setPassword} />
        ) : step === "send" ? (
          <SendInputs state={state} hasPassword={guided.password !== ""} errors={checkErrors.send} onSend={(patch) => dispatch({ type: "send", patch })} />
        ) : null;
      content = (
        <StepShell {...shell(step)} inputs={inputs} onRun={() => runCheck(step)} explanation={explain(step)} onNext={() => go(nextStep(step) as GuidedStep)}>
          {checkErrors[step]["form"] ? (
            <p className="guided-note guided-error" role="alert" lang="en" dir="auto">
              {checkErrors[step]["form"]}
            </p>
          ) : null}
          <CheckEvidence session={guided.sessions[step]} platform={platform} showCertificate={step === "tls"} />
        </StepShell>
      );
      break;
    }
    case "summary":
      content = (
        <StepShell {...shell("summary")}>
          <SummaryContent state={state} sessions={guided.sessions} bridge={bridge} platform={platform} offerEhlo={info?.face === "electron"} />
        </StepShell>
      );
      break;
  }

  return (
    <div className="guided-page">
      <div className="guided-side">
        <Stepper state={state} onGo={go} />
        <button type="button" className="btn btn-ghost btn-small guided-reset" onClick={guided.reset}>
          {t("guided.reset")}
        </button>
      </div>
      <div className="guided-main">{content}</div>
    </div>
  );
}
