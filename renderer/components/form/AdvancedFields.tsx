import { useTranslation } from "react-i18next";
import { TIMEOUT_FIELDS, type FieldErrors, type FormState } from "../../model/form";
import { Field } from "./Field";

interface AdvancedFieldsProps {
  form: FormState;
  errors: FieldErrors;
  onChange(patch: Partial<FormState>): void;
}

/** Rarely needed settings, behind a native disclosure (keyboard and screen-reader friendly). */
export function AdvancedFields({ form, errors, onChange }: AdvancedFieldsProps) {
  const { t } = useTranslation();
  const hasError = Object.keys(errors).some((key) => key.startsWith("timeouts.") || key === "extraCaPem");
  return (
    <details className="form-section advanced" open={hasError || undefined}>
      <summary className="form-section-title">{t("form.sections.advanced")}</summary>
      <div className="timeouts">
        {TIMEOUT_FIELDS.map((field) => (
          <Field key={field} name={`timeouts.${field}`} label={t(`form.timeouts.${field}`)} error={errors[`timeouts.${field}`]}>
            {(a11y) => (
              <div className="input-with-unit">
                <input
                  {...a11y}
                  className="input"
                  dir="ltr"
                  type="number"
                  min="0.1"
                  step="any"
                  inputMode="decimal"
                  value={form.timeouts[field]}
                  onChange={(e) => onChange({ timeouts: { ...form.timeouts, [field]: e.target.value } })}
                />
                <span className="unit" aria-hidden="true">
                  {t("units.s")}
                </span>
              </div>
            )}
          </Field>
        ))}
      </div>
      <p className="field-hint">{t("form.timeouts.hint")}</p>
      <div className="field">
        <label className="field-label" htmlFor="f-family">
          {t("form.family.label")}
        </label>
        <select
          id="f-family"
          className="input"
          value={form.family}
          onChange={(e) => onChange({ family: e.target.value as FormState["family"] })}
        >
          <option value="auto">{t("form.family.auto")}</option>
          <option value="ipv4">IPv4</option>
          <option value="ipv6">IPv6</option>
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={form.send} onChange={(e) => onChange({ send: e.target.checked })} />
        <span>{t("form.send")}</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.allowInsecureAuth}
          onChange={(e) => onChange({ allowInsecureAuth: e.target.checked })}
        />
        <span>{t("form.allowInsecureAuth")}</span>
      </label>
      <Field name="extraCaPem" label={t("form.ca.label")} hint={t("form.ca.hint")} error={errors["extraCaPem"]} optional>
        {(a11y) => (
          <textarea
            {...a11y}
            className="input mono"
            dir="ltr"
            rows={3}
            spellCheck={false}
            placeholder="-----BEGIN CERTIFICATE-----"
            value={form.extraCaPem}
            onChange={(e) => onChange({ extraCaPem: e.target.value })}
          />
        )}
      </Field>
    </details>
  );
}
