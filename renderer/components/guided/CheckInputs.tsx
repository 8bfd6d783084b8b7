import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AUTH_MECHANISMS } from "../../../shared/contract/check-request";
import type { AuthInput, GuidedState, SendInput } from "../../model/guided-steps";
import { Field } from "../form/Field";

interface AuthInputsProps {
  state: GuidedState;
  password: string;
  errors: Record<string, string>;
  onAuth(patch: Partial<AuthInput>): void;
  onPassword(value: string): void;
}

/**
 * Step 5's inputs: user name, password (or token) and method, as the check form has them, but
 * required here. The password is typed on the spot and kept in memory for this walkthrough only;
 * it goes beside the request, never into it, and is never written anywhere (no keychain is
 * offered until the app has one to offer).
 */
export function AuthInputs({ state, password, errors, onAuth, onPassword }: AuthInputsProps) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const token = state.auth.mechanism === "XOAUTH2";
  return (
    <div className="guided-form">
      <Field name="authUser" label={t("form.auth.user")} hint={t("guided.auth.userHint")} error={errors["authUser"]}>
        {(a11y) => (
          <input
            {...a11y}
            className="input mono"
            dir="ltr"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={state.auth.user}
            onChange={(e) => onAuth({ user: e.target.value })}
          />
        )}
      </Field>
      <Field name="password" label={token ? t("form.auth.token") : t("form.auth.password")} hint={t("guided.auth.passwordNote")} error={errors["password"]}>
        {(a11y) => (
          <div className="input-with-button">
            <input
              {...a11y}
              className="input mono"
              dir="ltr"
              type={reveal ? "text" : "password"}
              autoComplete="off"
              spellCheck={false}
              value={password}
              onChange={(e) => onPassword(e.target.value)}
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
        <select id="f-mechanism" className="input" value={state.auth.mechanism} onChange={(e) => onAuth({ mechanism: e.target.value as AuthInput["mechanism"] })}>
          <option value="auto">{t("form.auth.mechanismAuto")}</option>
          {AUTH_MECHANISMS.map((mechanism) => (
            <option key={mechanism} value={mechanism}>
              {mechanism}
            </option>
          ))}
        </select>
      </div>
      {state.chosen?.tls === "none" ? (
        <label className="check">
          <input type="checkbox" checked={state.auth.allowInsecureAuth} onChange={(e) => onAuth({ allowInsecureAuth: e.target.checked })} />
          <span>{t("form.allowInsecureAuth")}</span>
        </label>
      ) : null}
    </div>
  );
}

interface SendInputsProps {
  state: GuidedState;
  hasPassword: boolean;
  errors: Record<string, string>;
  onSend(patch: Partial<SendInput>): void;
}

/** Step 6's inputs: the sender (the user), a recipient the helpdesk names, and whether to send. */
export function SendInputs({ state, hasPassword, errors, onSend }: SendInputsProps) {
  const { t } = useTranslation();
  const input = (name: "from" | "to", placeholder: string) => (a11y: object) => (
    <input
      {...a11y}
      className="input mono"
      dir="ltr"
      type="email"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      value={state.send[name]}
      onChange={(e) => onSend({ [name]: e.target.value })}
    />
  );
  return (
    <div className="guided-form">
      <Field name="from" label={t("guided.send.from")} hint={t("guided.send.fromHint")} error={errors["from"]}>
        {input("from", "someone@example.com")}
      </Field>
      <Field name="to" label={t("guided.send.to")} hint={t("guided.send.toHint")} error={errors["to"]}>
        {input("to", "helpdesk@example.com")}
      </Field>
      <label className="check">
        <input type="checkbox" checked={state.send.data} onChange={(e) => onSend({ data: e.target.checked })} />
        <span>{t("guided.send.data")}</span>
      </label>
      <p className="field-hint">{hasPassword ? t("guided.send.withLogin") : t("guided.send.withoutLogin")}</p>
    </div>
  );
}
