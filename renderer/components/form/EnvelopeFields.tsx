import { useTranslation } from "react-i18next";
import type { FieldErrors, FormState } from "../../model/form";
import { fieldA11y, FieldError } from "./Field";
import { TextField } from "./TextField";

interface EnvelopeFieldsProps {
  form: FormState;
  errors: FieldErrors;
  onChange(patch: Partial<FormState>): void;
}

/** HELO name, MAIL FROM and RCPT TO (RFC 5321 4.1.1.1, 4.1.1.2, 4.1.1.3). */
export function EnvelopeFields({ form, errors, onChange }: EnvelopeFieldsProps) {
  const { t } = useTranslation();
  const setRecipient = (index: number, value: string) => onChange({ to: form.to.map((old, i) => (i === index ? value : old)) });
  const removeRecipient = (index: number) => onChange({ to: form.to.length > 1 ? form.to.filter((_, i) => i !== index) : [""] });
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">{t("form.sections.envelope")}</legend>
      <TextField
        name="helo"
        label={t("form.helo.label")}
        hint={t("form.helo.hint")}
        error={errors["helo"]}
        optional
        placeholder="pc1.example.com"
        value={form.helo}
        onChange={(helo) => onChange({ helo })}
      />
      <TextField
        name="from"
        label={t("form.from.label")}
        hint={t("form.from.hint")}
        error={errors["from"]}
        optional
        type="email"
        autoComplete="email"
        placeholder="helpdesk@example.com"
        value={form.from}
        onChange={(from) => onChange({ from })}
      />
      <fieldset className="field recipients">
        <legend className="field-label">
          {t("form.to.label")} <span className="field-optional">{t("form.optional")}</span>
        </legend>
        <p className="field-hint" id="f-to-hint">
          {t("form.to.hint")}
        </p>
        <ul className="recipient-list">
          {form.to.map((value, index) => {
            const name = `to.${index}`;
            const a11y = fieldA11y(name, errors[name], false);
            const describedBy = ["f-to-hint", a11y["aria-describedby"]].filter(Boolean).join(" ");
            return (
              <li key={index} className={errors[name] ? "has-error" : undefined}>
                <div className="recipient-row">
                  <input
                    {...a11y}
                    aria-describedby={describedBy}
                    aria-label={t("form.to.itemLabel", { n: index + 1 })}
                    className="input mono"
                    dir="ltr"
                    type="email"
                    spellCheck={false}
                    placeholder="someone@example.net"
                    value={value}
                    onChange={(e) => setRecipient(index, e.target.value)}
                  />
                  {form.to.length > 1 || value !== "" ? (
                    <button
                      type="button"
                      className="btn btn-ghost btn-icon"
                      aria-label={t("form.to.remove", { n: index + 1 })}
                      title={t("form.to.remove", { n: index + 1 })}
                      onClick={() => removeRecipient(index)}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  ) : null}
                </div>
                <FieldError name={name} message={errors[name]} />
              </li>
            );
          })}
        </ul>
        {form.to.length < 100 ? (
          <button type="button" className="btn btn-link" onClick={() => onChange({ to: [...form.to, ""] })}>
            {t("form.to.add")}
          </button>
        ) : null}
      </fieldset>
    </fieldset>
  );
}
