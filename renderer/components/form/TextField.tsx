import type { HTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "./Field";

/**
 * The inputs the check form and the guided steps share. Host names, addresses and credentials are
 * machine text: monospaced, left-to-right even in a right-to-left language, never spell-checked.
 */

interface FieldFrame {
  name: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  optional?: boolean;
}

interface TextFieldProps extends FieldFrame {
  value: string;
  onChange(value: string): void;
  type?: "text" | "email";
  autoComplete?: string;
  placeholder?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  autoCapitalize?: string;
}

export function TextField({ value, onChange, type = "text", autoComplete = "off", placeholder, inputMode, autoCapitalize, ...frame }: TextFieldProps) {
  return (
    <Field {...frame}>
      {(a11y) => (
        <input
          {...a11y}
          className="input mono"
          dir="ltr"
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          autoCapitalize={autoCapitalize}
          spellCheck={false}
          placeholder={placeholder}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface PasswordFieldProps extends Omit<FieldFrame, "name" | "optional"> {
  value: string;
  onChange(value: string): void;
  autoComplete: string;
  /** Kept by the caller so the choice survives the field being hidden and shown again. */
  reveal: boolean;
  onReveal(reveal: boolean): void;
}

/** A password or token with a show/hide toggle (a pressed button, so screen readers hear its state). */
export function PasswordField({ value, onChange, autoComplete, reveal, onReveal, ...frame }: PasswordFieldProps) {
  const { t } = useTranslation();
  return (
    <Field name="password" {...frame}>
      {(a11y) => (
        <div className="input-with-button">
          <input
            {...a11y}
            className="input mono"
            dir="ltr"
            type={reveal ? "text" : "password"}
            autoComplete={autoComplete}
            spellCheck={false}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          <button type="button" className="btn btn-ghost" aria-pressed={reveal} onClick={() => onReveal(!reveal)}>
            {reveal ? t("form.auth.hide") : t("form.auth.show")}
          </button>
        </div>
      )}
    </Field>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** "field" in forms, "filter" in the history's filter bar. */
  className?: string;
  children: ReactNode;
}

/** A labelled native select: its options are the children. */
export function SelectField({ id, label, value, onChange, className = "field", children }: SelectFieldProps) {
  return (
    <div className={className}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A checkbox inside its label, so the whole sentence is the click target. */
export function CheckboxField({ label, checked, onChange }: CheckboxFieldProps) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

interface PemFieldProps {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** Extra trusted root certificates, pasted as PEM. */
export function ExtraCaField({ value, error, onChange }: PemFieldProps) {
  const { t } = useTranslation();
  return (
    <Field name="extraCaPem" label={t("form.ca.label")} hint={t("form.ca.hint")} error={error} optional>
      {(a11y) => (
        <textarea
          {...a11y}
          className="input mono"
          dir="ltr"
          rows={3}
          spellCheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
