import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { label, listLabel, phaseLabel } from "../../shared/knowledge/labels";
import { summarizeCode } from "../../shared/knowledge/compare";
import type { ExplanationLayer, ReplyPhase } from "../../shared/knowledge/types";
import type { LoadedKnowledge } from "../i18n/knowledge-loader";
import type { CodeEntry } from "../model/code-index";
import { useFormat } from "../state/use-format";
import { ExplanationSections, LayerFacts } from "./Explanation";

/** One code in full: the three parts, who acts, the standard, and its meanings per command. */
export function CodeDetail({ entry, knowledge }: { entry: CodeEntry; knowledge: LoadedKnowledge }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { facts, bundle } = knowledge;
  const layer = useMemo((): ExplanationLayer | null => {
    if (entry.kind === "basic") return summarizeCode(facts, bundle, entry.code).layers.find((l) => l.kind === "code") ?? null;
    const explanation = bundle.enhancedCodes[entry.code];
    const fact = facts.enhancedCodes.find((x) => x.code === entry.code);
    return explanation ? { kind: "enhanced", key: entry.code, explanation, actors: fact?.actors ?? [], rfc: fact?.rfc ?? [] } : null;
  }, [entry, facts, bundle]);
  if (!layer) return null;
  const replyFacts = entry.kind === "basic" ? facts.replyCodes.find((x) => x.code === entry.code) : undefined;
  const text = entry.kind === "basic" ? bundle.replyCodes[entry.code] : undefined;
  const variants = Object.entries(text?.variants ?? {}) as [ReplyPhase, NonNullable<NonNullable<typeof text>["variants"]>[ReplyPhase]][];
  const wordings = Object.entries(text?.textVariants ?? {});
  const usedWith = entry.kind === "enhanced" ? (facts.enhancedCodes.find((x) => x.code === entry.code)?.basicCodes ?? []) : [];
  return (
    <article className="code-detail" aria-labelledby="code-detail-title" lang={bundle.lang}>
      <p className="layer-kind">{entry.kind === "basic" ? label(bundle, "layer.code") : label(bundle, "layer.enhanced")}</p>
      <h3 id="code-detail-title" className="code-detail-title">
        <bdi dir="ltr" className={`badge badge-${entry.replyClass ?? "none"}`}>
          {entry.code}
        </bdi>{" "}
        {f.bidi(layer.explanation.title)}
      </h3>
      {entry.replyClass ? (
        <p className="muted">
          <bdi dir="ltr">{entry.replyClass}</bdi> · {f.bidi(bundle.classes[entry.replyClass].title)}
        </p>
      ) : null}
      <ExplanationSections explanation={layer.explanation} bundle={bundle} />
      <LayerFacts layer={layer} bundle={bundle} />
      {replyFacts && replyFacts.phases.length > 0 ? (
        <p className="small">
          <strong>{label(bundle, "aspect.phases")}:</strong> {f.bidi(listLabel(bundle, replyFacts.phases.map((p) => phaseLabel(bundle, p))))}
        </p>
      ) : null}
      {usedWith.length > 0 ? (
        <p className="small">
          <strong>{t("reference.usedWith")}</strong>{" "}
          <bdi dir="ltr" className="mono">
            {usedWith.join(", ")}
          </bdi>
        </p>
      ) : null}
      {variants.length > 0 ? (
        <section className="code-variants">
          <h4>{label(bundle, "section.byPhase")}</h4>
          <ul className="layer-list">
            {variants.map(([phase, explanation]) =>
              explanation ? (
                <li key={phase} className="layer-summary">
                  <p className="layer-kind">{f.bidi(label(bundle, "layer.phase", { phase: phaseLabel(bundle, phase) }))}</p>
                  <p className="layer-title">{f.bidi(explanation.title)}</p>
                  <p>{f.bidi(explanation.description)}</p>
                  <p className="small">
                    <strong>{label(bundle, "section.howToFix")}:</strong> {f.bidi(explanation.howToFix)}
                  </p>
                </li>
              ) : null,
            )}
          </ul>
        </section>
      ) : null}
      {wordings.length > 0 ? (
        <section className="code-variants">
          <h4>{label(bundle, "layer.variant")}</h4>
          <ul className="layer-list">
            {wordings.map(([id, explanation]) => (
              <li key={id} className="layer-summary">
                <p className="layer-title">{f.bidi(explanation.title)}</p>
                <p>{f.bidi(explanation.description)}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
