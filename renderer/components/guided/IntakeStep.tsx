import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { explainReply, InvalidReplyError } from "../../../shared/knowledge/lookup";
import { MAIL_PROGRAMS, SYMPTOMS, type Intake } from "../../model/guided-steps";
import { quotedReply } from "../../model/quoted-reply";
import { useKnowledge } from "../../state/knowledge";
import { useFormat } from "../../state/use-format";
import { ExplanationSections } from "../Explanation";
import { Field } from "../form/Field";
import { ExtraCaField, SelectField, TextField } from "../form/TextField";

interface IntakeFieldsProps {
  intake: Intake;
  errors: Record<string, string>;
  onChange(patch: Partial<Intake>): void;
}

/**
 * Step 1: the user's address (everything else follows from its domain), the mail program, and
 * what happens, as a choice and in the user's own words. The DNS server and extra trusted roots
 * (a private network, a test setup) apply to every later step.
 */
export function IntakeFields({ intake, errors, onChange }: IntakeFieldsProps) {
  const { t } = useTranslation();
  const advancedError = Boolean(errors["dnsServer"] || errors["extraCaPem"]);
  return (
    <div className="guided-form">
      <TextField
        name="address"
        label={t("guided.intake.address")}
        hint={t("guided.intake.addressHint")}
        error={errors["address"]}
        type="email"
        placeholder="someone@example.com"
        value={intake.address}
        onChange={(address) => onChange({ address })}
      />
      <SelectField id="f-program" label={t("guided.intake.program")} value={intake.program} onChange={(program) => onChange({ program: program as Intake["program"] })}>
        <option value="">{t("guided.intake.programChoose")}</option>
        {MAIL_PROGRAMS.map((program) => (
          <option key={program} value={program}>
            {t(`guided.program.${program}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="field guided-symptoms">
        <legend className="field-label">{t("guided.intake.symptom")}</legend>
        <div className="guided-choices">
          {SYMPTOMS.map((symptom) => (
            <label key={symptom} className="guided-choice">
              <input type="radio" name="symptom" value={symptom} checked={intake.symptom === symptom} onChange={() => onChange({ symptom })} />
              <span>{t(`guided.symptom.${symptom}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="description" label={t("guided.intake.description")} hint={t("guided.intake.descriptionHint")} error={undefined} optional>
        {(a11y) => <textarea {...a11y} className="input" rows={3} value={intake.description} onChange={(e) => onChange({ description: e.target.value })} />}
      </Field>
      <details className="form-section advanced" open={advancedError || undefined}>
        <summary className="form-section-title">{t("form.sections.advanced")}</summary>
        <TextField
          name="dnsServer"
          label={t("guided.intake.dnsServer")}
          hint={t("guided.intake.dnsServerHint")}
          error={errors["dnsServer"]}
          optional
          placeholder="192.0.2.53"
          value={intake.dnsServer}
          onChange={(dnsServer) => onChange({ dnsServer })}
        />
        <ExtraCaField value={intake.extraCaPem} error={errors["extraCaPem"]} onChange={(extraCaPem) => onChange({ extraCaPem })} />
      </details>
    </div>
  );
}

/** A reply code the user quoted in the description, explained by the knowledge base at once. */
export function QuotedReply({ text }: { text: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const knowledge = useKnowledge();
  const reply = quotedReply(text);
  const layer = useMemo(() => {
    if (!reply || !knowledge) return null;
    try {
      // Which provider the user has is not known yet: a provider's own reading of the same words
      // could mislead, so the standard meaning (enhanced code, reply code) is shown.
      const layers = explainReply(knowledge.facts, knowledge.bundle, { lines: [reply] });
      return layers.find((l) => l.kind !== "provider") ?? layers[0] ?? null;
    } catch (error) {
      if (error instanceof InvalidReplyError) return null;
      throw error;
    }
  }, [reply, knowledge]);
  if (!reply || !layer || !knowledge) return <p>{t("guided.explain.user")}</p>;
  return (
    <div className="guided-quoted" lang={knowledge.bundle.lang}>
      <p>{t("guided.intake.quoted")}</p>
      <p>
        <code dir="ltr" className="guided-quoted-reply">
          {reply}
        </code>
      </p>
      <h4 className="explain-title">{f.bidi(layer.explanation.title)}</h4>
      <ExplanationSections explanation={layer.explanation} bundle={knowledge.bundle} />
    </div>
  );
}
