import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuthInput, GuidedState, SendInput } from "../../model/guided-steps";
import { MechanismField } from "../form/AuthFields";
import { CheckboxField, PasswordField, TextField } from "../form/TextField";

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
      <TextField
        name="authUser"
        label={t("form.auth.user")}
        hint={t("guided.auth.userHint")}
        error={errors["authUser"]}
        value={state.auth.user}
        onChange={(user) => onAuth({ user })}
      />
      <PasswordField
        label={token ? t("form.auth.token") : t("form.auth.password")}
        hint={t("guided.auth.passwordNote")}
        error={errors["password"]}
        autoComplete="off"
        value={password}
        onChange={onPassword}
        reveal={reveal}
        onReveal={setReveal}
      />
      <MechanismField value={state.auth.mechanism} onChange={(mechanism) => onAuth({ mechanism })} />
      {state.chosen?.tls === "none" ? (
        <CheckboxField label={t("form.allowInsecureAuth")} checked={state.auth.allowInsecureAuth} onChange={(allowInsecureAuth) => onAuth({ allowInsecureAuth })} />
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
  return (
    <div className="guided-form">
      <TextField
        name="from"
        label={t("guided.send.from")}
        hint={t("guided.send.fromHint")}
        error={errors["from"]}
        type="email"
        placeholder="someone@example.com"
        value={state.send.from}
        onChange={(from) => onSend({ from })}
      />
      <TextField
        name="to"
        label={t("guided.send.to")}
        hint={t("guided.send.toHint")}
        error={errors["to"]}
        type="email"
        placeholder="helpdesk@example.com"
        value={state.send.to}
        onChange={(to) => onSend({ to })}
      />
      <CheckboxField label={t("guided.send.data")} checked={state.send.data} onChange={(data) => onSend({ data })} />
      <p className="field-hint">{hasPassword ? t("guided.send.withLogin") : t("guided.send.withoutLogin")}</p>
    </div>
  );
}
