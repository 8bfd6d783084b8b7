import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { buildCodeIndex, searchCodes, type CodeEntry } from "../model/code-index";
import { useKnowledge, useKnowledgeState } from "../state/knowledge";
import { useFormat } from "../state/use-format";
import { CodeCompare } from "./CodeCompare";
import { CodeDetail } from "./CodeDetail";
import { IconSearch } from "./Icons";

function CodeList({ title, entries, selected, onSelect }: { title: string; entries: CodeEntry[]; selected: string | null; onSelect(code: string): void }) {
  const f = useFormat();
  if (entries.length === 0) return null;
  return (
    <div className="code-group">
      <h3 className="subhead">{title}</h3>
      <ul className="code-list">
        {entries.map((entry) => (
          <li key={`${entry.kind}:${entry.code}`}>
            <button
              type="button"
              className={`code-item${selected === entry.code ? " is-selected" : ""}`}
              aria-current={selected === entry.code ? "true" : undefined}
              onClick={() => onSelect(entry.code)}
            >
              <bdi dir="ltr" className={`badge badge-${entry.replyClass ?? "none"}`}>
                {entry.code}
              </bdi>
              <span className="code-item-title">{f.bidi(entry.title)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every reply code and enhanced status code the knowledge base explains: search, read one in full,
 * compare two. Loaded on demand, like the knowledge it shows.
 */
export function CodeReference() {
  const { t } = useTranslation();
  const knowledge = useKnowledge();
  const state = useKnowledgeState();
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string | null>("550");
  const index = useMemo(() => (knowledge ? buildCodeIndex(knowledge.facts, knowledge.bundle) : []), [knowledge]);
  const results = useMemo(() => searchCodes(index, query), [index, query]);
  if (!knowledge) {
    return <p className="panel muted">{state.status === "error" ? t("knowledge.error") : t("knowledge.loading")}</p>;
  }
  const entry = index.find((x) => x.code === selected) ?? null;
  return (
    <div className="reference">
      <section className="panel ref-search" aria-labelledby="ref-title">
        <h2 id="ref-title" className="panel-title">
          {t("reference.title")}
        </h2>
        <div className="search">
          <label htmlFor="ref-query" className="field-label">
            {t("reference.search")}
          </label>
          <div className="search-box">
            <IconSearch />
            <input
              id="ref-query"
              className="input"
              type="search"
              dir="auto"
              value={query}
              placeholder={t("reference.searchPlaceholder")}
              onChange={(e) => setQuery(e.target.value)}
              aria-describedby="ref-count"
            />
          </div>
          <p id="ref-count" className="muted small" aria-live="polite">
            {t("reference.count", { count: results.length })}
          </p>
        </div>
        <div className="code-groups">
          <CodeList title={t("reference.basic")} entries={results.filter((x) => x.kind === "basic")} selected={selected} onSelect={setSelected} />
          <CodeList title={t("reference.enhanced")} entries={results.filter((x) => x.kind === "enhanced")} selected={selected} onSelect={setSelected} />
        </div>
      </section>
      <CodeCompare knowledge={knowledge} />
      <section className="panel ref-detail" aria-label={t("reference.detail")}>
        {entry ? <CodeDetail entry={entry} knowledge={knowledge} /> : <p className="muted">{t("reference.pick")}</p>}
      </section>
    </div>
  );
}
