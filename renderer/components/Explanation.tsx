import { actorsLabel, label, phaseLabel } from "../../shared/knowledge/labels";
import { REPLY_PHASES, type Explanation, type ExplanationLayer, type KnowledgeBundle, type ReplyPhase } from "../../shared/knowledge/types";
import { useFormat } from "../state/use-format";

/**
 * Knowledge texts as the UI shows them. Headings come from the knowledge locale's labels.json,
 * so the app, the CLI and the reports name the three parts the same way.
 */

function isReplyPhase(value: string): value is ReplyPhase {
  return (REPLY_PHASES as readonly string[]).includes(value);
}

/** "Gmail / Google Workspace", "In reply to RCPT", "Enhanced status code" … */
function layerLabel(bundle: KnowledgeBundle, layer: ExplanationLayer): string {
  if (layer.kind === "provider") return label(bundle, "layer.provider", { provider: layer.provider?.name ?? layer.key });
  if (layer.kind === "phase") {
    const phase = layer.key.split("@")[1] ?? "";
    return label(bundle, "layer.phase", { phase: isReplyPhase(phase) ? phaseLabel(bundle, phase) : phase });
  }
  return label(bundle, `layer.${layer.kind}`);
}

/** The code a layer explains, for display: "550", "5.1.1", "X.7.X"; provider rules show none. */
function layerCode(layer: ExplanationLayer): string | null {
  if (layer.kind === "provider") return null;
  if (layer.kind === "variant" || layer.kind === "phase") return layer.key.split(/[#@]/)[0] ?? layer.key;
  return layer.key;
}

export function ExplanationSections({ explanation, bundle }: { explanation: Explanation; bundle: KnowledgeBundle }) {
  const f = useFormat();
  return (
    <dl className="explain-sections">
      <div>
        <dt>{label(bundle, "section.meaning")}</dt>
        <dd>{f.bidi(explanation.description)}</dd>
      </div>
      <div>
        <dt>{label(bundle, "section.whenSeen")}</dt>
        <dd>{f.bidi(explanation.whenSeen)}</dd>
      </div>
      <div>
        <dt>{label(bundle, "section.howToFix")}</dt>
        <dd>{f.bidi(explanation.howToFix)}</dd>
      </div>
    </dl>
  );
}

/** Who acts and which standard, under an explanation. */
export function LayerFacts({ layer, bundle }: { layer: ExplanationLayer; bundle: KnowledgeBundle }) {
  const f = useFormat();
  return (
    <dl className="layer-facts">
      <div>
        <dt>{label(bundle, "section.actors")}</dt>
        <dd>{f.bidi(actorsLabel(bundle, layer.actors))}</dd>
      </div>
      {layer.rfc.length > 0 ? (
        <div>
          <dt>{label(bundle, "section.rfc")}</dt>
          <dd>
            <bdi dir="ltr">{layer.rfc.join(", ")}</bdi>
          </dd>
        </div>
      ) : null}
      {layer.provider ? (
        <div>
          <dt>{label(bundle, "provider.source")}</dt>
          <dd>
            {layer.provider.differsFromIana ? <p className="provider-note">{label(bundle, "provider.differsFromIana")}</p> : null}
            <bdi dir="ltr" className="mono break">
              {layer.provider.source}
            </bdi>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** "Enhanced status code · 5.7.1": what kind of knowledge a layer is, and its code (left-to-right). */
export function LayerKind({ layer, bundle }: { layer: ExplanationLayer; bundle: KnowledgeBundle }) {
  const code = layerCode(layer);
  return (
    <p className="layer-kind">
      {layerLabel(bundle, layer)}
      {code ? (
        <>
          {" · "}
          <bdi dir="ltr" className="mono">
            {code}
          </bdi>
        </>
      ) : null}
    </p>
  );
}

/** A compact layer: label, code, title and first paragraph (for "more general meanings"). */
export function LayerSummary({ layer, bundle }: { layer: ExplanationLayer; bundle: KnowledgeBundle }) {
  const f = useFormat();
  return (
    <li className="layer-summary">
      <LayerKind layer={layer} bundle={bundle} />
      <p className="layer-title">{f.bidi(layer.explanation.title)}</p>
      <p>{f.bidi(layer.explanation.description)}</p>
    </li>
  );
}
