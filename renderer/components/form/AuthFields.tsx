import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUTH_MECHANISMS, type AuthMechanism } from "../../../shared/contract/check-request";
import type { FieldErrors, FormState } from "../../model/form";
import { CheckboxField, PasswordField, SelectField, TextField } from "./TextField";

interface AuthFieldsProps {
  form: FormState;
  errors: FieldErrors;
  /** Only the Electron face has a keychain to remember the password in. */
  canRemember: boolean;
  onChange(patch: Partial<FormState>): void;
}

/** SMTP AUTH (RFC 4954). The password goes beside the request, never inside it. */
export function AuthFields({ form, errors, canRemember, onChange }: AuthFieldsProps) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const token = form.mechanism === "XOAUTH2";
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">{t("form.sections.auth")}</legend>
      <p className="form-section-hint">{t("form.auth.hint")}</p>
      <TextField
        name="authUser"
        label={t("form.auth.user")}
        error={errors["authUser"]}
        optional
        autoComplete="username"
        value={form.authUser}
        onChange={(authUser) => onChange({ authUser })}
      />
      {form.authUser !== "" ? (
        <>
          <PasswordField
            label={token ? t("form.auth.token") : t("form.auth.password")}
            error={errors["password"]}
            autoComplete="current-password"
            value={form.password}
            onChange={(password) => onChange({ password })}
            reveal={reveal}
            onReveal={setReveal}
          />
          <MechanismField value={form.mechanism} onChange={(mechanism) => onChange({ mechanism })} />
          {canRemember ? (
            <CheckboxField label={t("form.auth.remember")} checked={form.remember} onChange={(remember) => onChange({ remember })} />
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

interface MechanismFieldProps {
  value: "auto" | AuthMechanism;
  onChange(mechanism: "auto" | AuthMechanism): void;
}

/** The SASL mechanism (RFC 4954 section 3): "automatic" lets the engine pick from the EHLO list. */
export function MechanismField({ value, onChange }: MechanismFieldProps) {
  const { t } = useTranslation();
  return (
    <SelectField id="f-mechanism" label={t("form.auth.mechanism")} value={value} onChange={(v) => onChange(v as "auto" | AuthMechanism)}>
      <option value="auto">{t("form.auth.mechanismAuto")}</option>
      {AUTH_MECHANISMS.map((mechanism) => (
        <option key={mechanism} value={mechanism}>
          {mechanism}
        </option>
      ))}
    </SelectField>
  );
}
