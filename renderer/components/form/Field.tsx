import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A labelled form field with its hint and its error, wired for screen readers: the input gets
 * `aria-invalid` and `aria-describedby` pointing at both. Validator messages are written in
 * English (shared/smtp); other languages show their own sentence first and keep the precise
 * English detail beside it.
 */

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** "to.2" → "to", "timeouts.dnsMs" → "timeouts": the key of the localised error sentence. */
export function errorKind(name: string): string {
  return name.split(".")[0] ?? name;
}

export interface FieldA11y {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export function fieldA11y(name: string, error: string | undefined, hasHint: boolean): FieldA11y {
  const id = fieldId(name);
  const describedBy = [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) };
}

export function FieldError({ name, message }: { name: string; message: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!message) return null;
  const english = i18n.language === "en";
  return (
    <p className="field-error" id={`${fieldId(name)}-error`}>
      {english ? (
        message
      ) : (
        <>
          {t(`form.errors.${errorKind(name)}`, { defaultValue: t("form.errors.form") })}{" "}
          <span className="field-error-detail" lang="en" dir="ltr">
            {message}
          </span>
        </>
      )}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  /** Optional fields say so in their label. */
  optional?: boolean;
  children: (a11y: FieldA11y) => ReactNode;
}

export function Field({ name, label, hint, error, optional = false, children }: FieldProps) {
  const { t } = useTranslation();
  const a11y = fieldA11y(name, error, Boolean(hint));
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={a11y.id} className="field-label">
        {label}
        {optional ? <span className="field-optional"> {t("form.optional")}</span> : null}
      </label>
      {children(a11y)}
      {hint ? (
        <p className="field-hint" id={`${a11y.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} message={error} />
    </div>
  );
}
