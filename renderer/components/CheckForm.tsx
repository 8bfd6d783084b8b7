import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { firstErrorField, toRequest, validateForm, type BuiltRequest, type FieldErrors, type FormState } from "../model/form";
import { AdvancedFields } from "./form/AdvancedFields";
import { AuthFields } from "./form/AuthFields";
import { EnvelopeFields } from "./form/EnvelopeFields";
import { fieldId, FieldError } from "./form/Field";
import { TargetFields } from "./form/TargetFields";
import { IconPlay, IconStop } from "./Icons";

// Each group renders again only when the form, its errors or a handler change, not when a check
// starts or stops: with 100 recipients, re-rendering them all made the click that starts a check
// one of the longest tasks of a run.
const TargetGroup = memo(TargetFields);
const EnvelopeGroup = memo(EnvelopeFields);
const AuthGroup = memo(AuthFields);
const AdvancedGroup = memo(AdvancedFields);

function sameErrors(a: FieldErrors, b: FieldErrors): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

interface CheckFormProps {
  form: FormState;
  onChange(patch: Partial<FormState>): void;
  onPreset(id: string): void;
  /** Errors the server returned (`check.error`), already mapped to form fields. */
  serverErrors: FieldErrors;
  running: boolean;
  cancelling: boolean;
  canRemember: boolean;
  onSubmit(built: BuiltRequest): void;
  onCancel(): void;
}

function focusField(name: string | undefined): void {
  if (!name) return;
  const element = document.getElementById(fieldId(name));
  if (element) {
    element.closest("details")?.setAttribute("open", "");
    element.focus();
  }
}

/**
 * The check form. Problems are found before sending, shown next to their fields, and focus moves
 * to the first one, so keyboard and screen-reader users land where the fix is.
 */
export function CheckForm(props: CheckFormProps) {
  const { form, onChange, serverErrors, running } = props;
  const { t } = useTranslation();
  const [localErrors, setErrorsState] = useState<FieldErrors>({});
  // The same errors keep the same object, so the memoised groups are left alone.
  const setLocalErrors = useCallback((next: FieldErrors) => setErrorsState((old) => (sameErrors(old, next) ? old : next)), []);
  const [attempted, setAttempted] = useState(false);
  const errors = useMemo(() => ({ ...serverErrors, ...localErrors }), [serverErrors, localErrors]);
  const formRef = useRef<HTMLFormElement>(null);

  // Once the user tried to send, errors follow their typing (and disappear when fixed).
  useEffect(() => {
    if (attempted) setLocalErrors(validateForm(form));
  }, [attempted, form, setLocalErrors]);

  useEffect(() => focusField(firstErrorField(serverErrors)), [serverErrors]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setAttempted(true);
    const found = validateForm(form);
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      focusField(firstErrorField(found));
      return;
    }
    props.onSubmit(toRequest(form));
  };

  const count = Object.keys(errors).length;
  return (
    <form ref={formRef} className="check-form" onSubmit={submit} noValidate aria-labelledby="check-form-title">
      <h2 id="check-form-title" className="panel-title">
        {t("form.title")}
      </h2>
      <TargetGroup form={form} errors={errors} onChange={onChange} onPreset={props.onPreset} />
      <EnvelopeGroup form={form} errors={errors} onChange={onChange} />
      <AuthGroup form={form} errors={errors} canRemember={props.canRemember} onChange={onChange} />
      <AdvancedGroup form={form} errors={errors} onChange={onChange} />
      <div className="form-actions">
        {count > 0 ? (
          <p className="form-summary" role="alert">
            {t("form.errorCount", { count })}
          </p>
        ) : null}
        <FieldError name="form" message={errors["form"]} />
        {running ? (
          <button type="button" className="btn btn-danger btn-wide" onClick={props.onCancel} disabled={props.cancelling}>
            <IconStop />
            <span>{props.cancelling ? t("check.cancelling") : t("check.cancel")}</span>
          </button>
        ) : (
          <button type="submit" className="btn btn-primary btn-wide">
            <IconPlay />
            <span>{t("form.submit")}</span>
          </button>
        )}
      </div>
    </form>
  );
}
