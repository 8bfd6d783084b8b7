import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUTH_MECHANISMS } from "../../../shared/contract/check-request";
import type { FieldErrors, FormState } from "../../model/form";
import { Field } from "./Field";

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
      <Field name="authUser" label={t("form.auth.user")} error={errors["authUser"]} optional>
        {(a11y) => (
          <input
            {...a11y}
            className="input mono"
            dir="ltr"
            type="text"
            autoComplete="username"
            spellCheck={false}
            value={form.authUser}
            onChange={(e) => onChange({ authUser: e.target.value })}
          />
        )}
      </Field>
      {form.authUser !== "" ? (
        <>
          <Field name="password" label={token ? t("form.auth.token") : t("form.auth.password")} error={errors["password"]}>
            {(a11y) => (
              <div className="input-with-button">
                <input
                  {...a11y}
                  className="input mono"
                  dir="ltr"
                  type={reveal ? "text" : "password"}
                  autoComplete="current-password"
                  spellCheck={false}
                  value={form.password}
                  onChange={(e) => onChange({ password: e.target.value })}
                />
                <button type="button" className="btn btn-ghost" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
                  {reveal ? t("form.auth.hide") : t("form.auth.show")}
                </button>
              </div>
            )}
          </Field>
          <div className="field">
            <label className="field-label" htmlFor="f-mechanism">
              {t("form.auth.mechanism")}
            </label>
            <select
              id="f-mechanism"
              className="input"
              value={form.mechanism}
              onChange={(e) => onChange({ mechanism: e.target.value as FormState["mechanism"] })}
            >
              <option value="auto">{t("form.auth.mechanismAuto")}</option>
              {AUTH_MECHANISMS.map((mechanism) => (
                <option key={mechanism} value={mechanism}>
                  {mechanism}
                </option>
              ))}
            </select>
          </div>
          {canRemember ? (
            <label className="check">
              <input type="checkbox" checked={form.remember} onChange={(e) => onChange({ remember: e.target.checked })} />
              <span>{t("form.auth.remember")}</span>
            </label>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}
