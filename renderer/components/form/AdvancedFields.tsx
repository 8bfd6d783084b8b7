import { useTranslation } from "react-i18next";
import { TIMEOUT_FIELDS, type FieldErrors, type FormState } from "../../model/form";
import { Field } from "./Field";
import { CheckboxField, ExtraCaField, SelectField } from "./TextField";

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
      <SelectField id="f-family" label={t("form.family.label")} value={form.family} onChange={(family) => onChange({ family: family as FormState["family"] })}>
        <option value="auto">{t("form.family.auto")}</option>
        <option value="ipv4">IPv4</option>
        <option value="ipv6">IPv6</option>
      </SelectField>
      <CheckboxField label={t("form.send")} checked={form.send} onChange={(send) => onChange({ send })} />
      <CheckboxField label={t("form.allowInsecureAuth")} checked={form.allowInsecureAuth} onChange={(allowInsecureAuth) => onChange({ allowInsecureAuth })} />
      <ExtraCaField value={form.extraCaPem} error={errors["extraCaPem"]} onChange={(extraCaPem) => onChange({ extraCaPem })} />
    </details>
  );
}
