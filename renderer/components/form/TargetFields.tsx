import { useTranslation } from "react-i18next";
import { TLS_MODES, type TlsMode } from "../../../shared/contract/check-request";
import type { FieldErrors, FormState } from "../../model/form";
import { PROVIDER_PRESETS } from "../../model/presets";
import { checkTarget, effectivePort } from "../../model/target";
import { SelectField, TextField } from "./TextField";

interface TargetFieldsProps {
  form: FormState;
  errors: FieldErrors;
  onChange(patch: Partial<FormState>): void;
  onPreset(id: string): void;
}

/** What the check will do, in words, before it runs: a typo shows here first. */
function Preview({ form }: { form: FormState }) {
  const { t } = useTranslation();
  let target: ReturnType<typeof checkTarget>;
  try {
    target = checkTarget(form.target);
  } catch {
    return null;
  }
  const port = effectivePort(target.port, form.tls);
  return (
    <p className="target-preview" aria-live="polite">
      {target.mx
        ? t("form.preview.mx", { domain: target.host, port })
        : t("form.preview.host", { host: target.host, port, tls: t(`tls.${form.tls}`) })}
    </p>
  );
}

export function TargetFields({ form, errors, onChange, onPreset }: TargetFieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">{t("form.sections.server")}</legend>
      <TextField
        name="host"
        label={t("form.target.label")}
        hint={t("form.target.hint")}
        error={errors["host"]}
        inputMode="url"
        autoCapitalize="off"
        placeholder="smtp.example.com:587"
        value={form.target}
        onChange={(target) => onChange({ target })}
      />
      <Preview form={form} />
      <SelectField id="f-preset" label={t("form.preset.label")} value="" onChange={(id) => id && onPreset(id)}>
        <option value="">{t("form.preset.choose")}</option>
        {PROVIDER_PRESETS.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {`${preset.name} — ${preset.host}:${preset.port} (${t(`tls.${preset.tls}`)})`}
          </option>
        ))}
      </SelectField>
      <fieldset className="field radio-group">
        <legend className="field-label">{t("form.tls.label")}</legend>
        <div className="segmented">
          {TLS_MODES.map((mode: TlsMode) => (
            <label key={mode} className="segment">
              <input type="radio" name="tls" value={mode} checked={form.tls === mode} onChange={() => onChange({ tls: mode })} />
              <span>{t(`tls.${mode}`)}</span>
            </label>
          ))}
        </div>
        <p className="field-hint">{t(`form.tls.hint.${form.tls}`)}</p>
      </fieldset>
    </fieldset>
  );
}
