import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { label } from "../../shared/knowledge/labels";
import { explainReplyRow } from "../model/reply-explain";
import type { ReplyRow } from "../model/timeline";
import { useKnowledge } from "../state/knowledge";
import { useFormat } from "../state/use-format";
import { ExplanationSections, LayerFacts, LayerKind, LayerSummary } from "./Explanation";

/** The expanded reply: What it means / When you see it / How to fix it, then the wider context. */
export function ReplyExplanation({ row, id }: { row: ReplyRow; id: string }) {
  const { t } = useTranslation();
  const knowledge = useKnowledge();
  const f = useFormat();
  const view = useMemo(
    () => (knowledge ? explainReplyRow(knowledge.facts, knowledge.bundle, row) : null),
    [knowledge, row],
  );
  if (!knowledge) {
    return (
      <div className="explain" id={id} dir={f.dir}>
        <p className="muted">{t("knowledge.loading")}</p>
      </div>
    );
  }
  if (!view) {
    return (
      <div className="explain" id={id} dir={f.dir}>
        <p>{t("timeline.notAReply")}</p>
      </div>
    );
  }
  const { bundle } = knowledge;
  return (
    <div className="explain" id={id} dir={f.dir} lang={bundle.lang}>
      <LayerKind layer={view.primary} bundle={bundle} />
      <h3 className="explain-title">{f.bidi(view.primary.explanation.title)}</h3>
      <ExplanationSections explanation={view.primary.explanation} bundle={bundle} />
      {view.enhanced ? (
        <div className="explain-enhanced">
          <p className="layer-kind">
            {label(bundle, "layer.enhanced")}{" "}
            <bdi dir="ltr" className="mono">
              {view.enhancedCode ?? view.enhanced.key}
            </bdi>
          </p>
          <p>
            <strong>{f.bidi(view.enhanced.explanation.title)}</strong>
            {": "}
            {f.bidi(view.enhanced.explanation.description)}
          </p>
        </div>
      ) : null}
      <LayerFacts layer={view.primary} bundle={bundle} />
      {view.general.length > 0 ? (
        <details className="explain-more">
          <summary>{label(bundle, "section.moreGeneral")}</summary>
          <ul className="layer-list">
            {view.general.map((layer) => (
              <LayerSummary key={`${layer.kind}:${layer.key}`} layer={layer} bundle={bundle} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
