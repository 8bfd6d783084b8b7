import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { compareCodes, isComparableCode, type CodeComparison } from "../../shared/knowledge/compare";
import { label } from "../../shared/knowledge/labels";
import type { LoadedKnowledge } from "../i18n/knowledge-loader";
import { useFormat } from "../state/use-format";
import { ExplanationSections } from "./Explanation";

/** Two codes side by side: what each means and the differences a helpdesk cares about. */
export function CodeCompare({ knowledge }: { knowledge: LoadedKnowledge }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { facts, bundle } = knowledge;
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CodeComparison | null>(null);

  const run = (left: string, right: string) => {
    const x = left.trim();
    const y = right.trim();
    if (!isComparableCode(x) || !isComparableCode(y)) {
      setError(t("reference.compare.invalid"));
      setResult(null);
      return;
    }
    setError(null);
    setResult(compareCodes(facts, bundle, x, y));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(a, b);
  };
  const example = () => {
    setA("220");
    setB("251");
    run("220", "251");
  };
  return (
    <section className="panel compare" aria-labelledby="compare-title">
      <header className="panel-header">
        <h2 id="compare-title" className="panel-title">
          {t("reference.compare.title")}
        </h2>
        <button type="button" className="btn btn-secondary btn-small" onClick={example}>
          {t("reference.compare.example")}
        </button>
      </header>
      <form className="compare-form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="cmp-a">
            {t("reference.compare.first")}
          </label>
          <input id="cmp-a" className="input mono" dir="ltr" value={a} placeholder="220" onChange={(e) => setA(e.target.value)} aria-describedby={error ? "cmp-error" : undefined} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="cmp-b">
            {t("reference.compare.second")}
          </label>
          <input id="cmp-b" className="input mono" dir="ltr" value={b} placeholder="251" onChange={(e) => setB(e.target.value)} aria-describedby={error ? "cmp-error" : undefined} />
        </div>
        <button type="submit" className="btn btn-primary">
          {t("reference.compare.run")}
        </button>
      </form>
      {error ? (
        <p className="field-error" id="cmp-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="compare-result" lang={bundle.lang}>
          <table className="data-table compare-table">
            <caption className="sr-only">{label(bundle, "section.differences")}</caption>
            <thead>
              <tr>
                <th scope="col">{label(bundle, "section.differences")}</th>
                <th scope="col">
                  <bdi dir="ltr" className={`badge badge-${result.a.replyClass}`}>
                    {result.a.code}
                  </bdi>
                </th>
                <th scope="col">
                  <bdi dir="ltr" className={`badge badge-${result.b.replyClass}`}>
                    {result.b.code}
                  </bdi>
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("reference.compare.name")}</th>
                <td>{f.bidi(result.a.explanation.title)}</td>
                <td>{f.bidi(result.b.explanation.title)}</td>
              </tr>
              {result.differences.map((d) => (
                <tr key={d.aspect} className={d.same ? "same" : "differs"}>
                  <th scope="row">
                    {label(bundle, `aspect.${d.aspect}`)}
                    {d.same ? <span className="tag">{label(bundle, "compare.same")}</span> : null}
                  </th>
                  <td>{f.bidi(d.a)}</td>
                  <td>{f.bidi(d.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="verdict-box">
            <h3 className="subhead">{label(bundle, "section.needsAction")}</h3>
            {result.verdict.map((line, index) => (
              <p key={index}>{f.bidi(line)}</p>
            ))}
          </div>
          <div className="compare-columns">
            {[result.a, result.b].map((summary) => (
              <div key={summary.code} className="compare-column">
                <h3 className="subhead">
                  <bdi dir="ltr" className={`badge badge-${summary.replyClass}`}>
                    {summary.code}
                  </bdi>{" "}
                  {f.bidi(summary.explanation.title)}
                </h3>
                <ExplanationSections explanation={summary.explanation} bundle={bundle} />
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}
