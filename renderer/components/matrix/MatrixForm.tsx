import { type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { withMode, type MatrixFormState, type MatrixMode } from "../../model/matrix-form";
import { Field, fieldId } from "../form/Field";
import { IconPlay, IconStop } from "../Icons";

interface MatrixFormProps {
  form: MatrixFormState;
  errors: Record<string, string>;
  running: boolean;
  onChange(update: Partial<MatrixFormState> | ((old: MatrixFormState) => MatrixFormState)): void;
  onRun(): boolean;
  onCancel(): void;
}

const MODES: MatrixMode[] = ["host", "mx"];
const ORDER = ["target", "ports", "to", "from", "dnsServer", "extraCaPem", "concurrency"];

/** The matrix form: a domain with its MX hosts, or a host with ports; rarely needed settings folded. */
export function MatrixForm({ form, errors, running, onChange, onRun, onCancel }: MatrixFormProps) {
  const { t } = useTranslation();
  const advancedError = ["to", "from", "dnsServer", "extraCaPem", "concurrency"].some((k) => errors[k]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    if (!onRun()) {
      // Focus the first field with a problem, after the errors have rendered.
      requestAnimationFrame(() => {
        const first = ORDER.find((name) => document.getElementById(fieldId(name))?.getAttribute("aria-invalid") === "true");
        const element = first ? document.getElementById(fieldId(first)) : null;
        element?.closest("details")?.setAttribute("open", "");
        element?.focus();
      });
    }
  };
  const text = (name: keyof MatrixFormState, placeholder: string, type = "text") => (a11y: object) => (
    <input
      {...a11y}
      className="input mono"
      dir="ltr"
      type={type}
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      value={form[name]}
      onChange={(e) => onChange({ [name]: e.target.value })}
    />
  );
  return (
    <form className="check-form matrix-form" onSubmit={submit} noValidate aria-labelledby="matrix-form-title">
      <h2 id="matrix-form-title" className="panel-title">
        {t("matrix.form.title")}
      </h2>
      <p className="form-section-hint">{t("matrix.form.lead")}</p>
      <fieldset className="field radio-group">
        <legend className="field-label">{t("matrix.form.mode")}</legend>
        <div className="segmented segmented-2">
          {MODES.map((mode) => (
            <label key={mode} className="segment">
              <input type="radio" name="matrix-mode" value={mode} checked={form.mode === mode} onChange={() => onChange((old) => withMode(old, mode))} />
              <span>{t(`matrix.form.modes.${mode}`)}</span>
            </label>
          ))}
        </div>
        <p className="field-hint">{t(`matrix.form.modeHint.${form.mode}`)}</p>
      </fieldset>
      <Field name="target" label={form.mode === "mx" ? t("matrix.form.domain") : t("matrix.form.host")} error={errors["target"]}>
        {text("target", form.mode === "mx" ? "example.com" : "smtp.example.com")}
      </Field>
      <Field name="ports" label={t("matrix.form.ports")} hint={t("matrix.form.portsHint")} error={errors["ports"]}>
        {text("ports", "25, 465, 587, 2525")}
      </Field>
      <details className="form-section advanced" open={advancedError || undefined}>
        <summary className="form-section-title">{t("form.sections.advanced")}</summary>
        <Field name="to" label={t("matrix.form.to")} hint={t("matrix.form.toHint")} error={errors["to"]} optional>
          {text("to", "postmaster@example.com", "email")}
        </Field>
        <Field name="from" label={t("form.from.label")} error={errors["from"]} optional>
          {text("from", "helpdesk@example.com", "email")}
        </Field>
        <Field name="dnsServer" label={t("guided.intake.dnsServer")} hint={t("guided.intake.dnsServerHint")} error={errors["dnsServer"]} optional>
          {text("dnsServer", "192.0.2.53")}
        </Field>
        <Field name="concurrency" label={t("matrix.form.concurrency")} error={errors["concurrency"]}>
          {(a11y) => <input {...a11y} className="input" dir="ltr" type="number" min={1} max={100} inputMode="numeric" value={form.concurrency} onChange={(e) => onChange({ concurrency: e.target.value })} />}
        </Field>
        <Field name="extraCaPem" label={t("form.ca.label")} hint={t("form.ca.hint")} error={errors["extraCaPem"]} optional>
          {(a11y) => (
            <textarea {...a11y} className="input mono" dir="ltr" rows={3} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" value={form.extraCaPem} onChange={(e) => onChange({ extraCaPem: e.target.value })} />
          )}
        </Field>
      </details>
      <div className="form-actions">
        {/* Distinct keys: reusing one <button> would turn Cancel into a submit button during its
            own click, and the form would start again at once. */}
        {running ? (
          <button key="cancel" type="button" className="btn btn-danger btn-wide" onClick={onCancel}>
            <IconStop />
            <span>{t("check.cancel")}</span>
          </button>
        ) : (
          <button key="run" type="submit" className="btn btn-primary btn-wide">
            <IconPlay />
            <span>{t("matrix.form.run")}</span>
          </button>
        )}
      </div>
    </form>
  );
}
