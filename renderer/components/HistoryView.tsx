import { InlineError } from "./InlineError";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EhloBridge } from "../../shared/contract/bridge";
import { OUTCOMES } from "../../shared/contract/check-result";
import type { HistoryEntryData, HistoryHeader, RunComparisonData } from "../../shared/contract/history";
import type { Platform } from "../model/finding-view";
import { compareChoice, EMPTY_FILTERS, hasFilters, listParams, runTarget, toggleSelected, type HistoryFilters } from "../model/history-list";
import { useFormat } from "../state/use-format";
import { ConfirmDialog } from "./ConfirmDialog";
import { SelectField } from "./form/TextField";
import { HistoryTable } from "./HistoryTable";
import { ImportButton } from "./ImportButton";
import { RunCompare } from "./RunCompare";

interface HistoryViewProps {
  bridge: EhloBridge;
  transport: "electron" | "websocket";
  offerEhlo: boolean;
  platform: Platform;
  /** Both fetch the run first: they reject when it cannot be read, and the view says so. */
  onOpen(run: HistoryHeader): Promise<void>;
  onRunAgain(run: HistoryHeader): Promise<void>;
  onImported(entry: HistoryEntryData): void;
}

/** Typing in the host filter waits this long before asking main, so each key is not a request. */
const TYPING_MS = 250;

type Listing = { status: "loading" } | { status: "ready"; runs: HistoryHeader[] } | { status: "error"; detail: string };

/**
 * The History view: saved runs with filters (server, outcome, days), each one to open exactly as
 * it was, run again, export or delete (after a question); two runs of one server to compare; and
 * a JSON report to import.
 */
export function HistoryView({ bridge, transport, offerEhlo, platform, onOpen, onRunAgain, onImported }: HistoryViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [filters, setFilters] = useState<HistoryFilters>(EMPTY_FILTERS);
  const [listing, setListing] = useState<Listing>({ status: "loading" });
  const [selected, setSelected] = useState<string[]>([]);
  const [comparison, setComparison] = useState<RunComparisonData | null>(null);
  const [deleting, setDeleting] = useState<HistoryHeader | null>(null);
  const [message, setMessage] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      bridge.callMethod("history.list", listParams(filters)).then(
        ({ runs }) => live && setListing({ status: "ready", runs }),
        (error: unknown) => live && setListing({ status: "error", detail: (error as Error).message }),
      );
    }, TYPING_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [bridge, filters, reload]);

  const runs = listing.status === "ready" ? listing.runs : [];
  const choice = compareChoice(selected, runs);
  const patch = (next: Partial<HistoryFilters>) => setFilters((old) => ({ ...old, ...next }));

  const compare = async () => {
    if (!choice.ready) return;
    setFailure(null);
    try {
      setComparison(await bridge.callMethod("history.compare", { before: choice.before.id, after: choice.after.id }));
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  const remove = async (run: HistoryHeader) => {
    setDeleting(null);
    setFailure(null);
    try {
      await bridge.callMethod("history.delete", { id: run.id });
      setSelected((old) => old.filter((id) => id !== run.id));
      setMessage(t("history.deleted"));
      setReload((n) => n + 1);
      listRef.current?.focus();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  /** A row action that reads the run from main: its failure is shown here. */
  const act = (action: (run: HistoryHeader) => Promise<void>) => (run: HistoryHeader) => {
    setFailure(null);
    action(run).catch((error: unknown) => setFailure((error as Error).message));
  };

  const backToList = useCallback(() => {
    setComparison(null);
    requestAnimationFrame(() => document.getElementById("history-compare-button")?.focus());
  }, []);

  if (comparison) return <RunCompare comparison={comparison} platform={platform} onBack={backToList} />;

  const compareText = choice.ready
    ? t("history.compareReady", { server: runTarget(choice.after) })
    : choice.reason === "target"
      ? t("history.compareTargets", { a: choice.targets[0], b: choice.targets[1] })
      : t("history.compareHint");

  return (
    <section className="panel history" aria-labelledby="history-title">
      <header className="panel-header">
        <h2 id="history-title" className="panel-title">
          {t("history.title")}
          {listing.status === "ready" ? <span className="count">{f.number(runs.length)}</span> : null}
        </h2>
        <div className="panel-meta">
          <ImportButton bridge={bridge} transport={transport} onImported={onImported} />
        </div>
      </header>
      <p className="muted history-intro">{t("history.intro")}</p>

      <form className="history-filters" role="search" aria-label={t("history.filters")} onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label className="field-label" htmlFor="h-host">
            {t("history.host")}
          </label>
          <input id="h-host" className="input" type="search" dir="ltr" value={filters.host} onChange={(e) => patch({ host: e.target.value })} autoComplete="off" spellCheck={false} />
        </div>
        <SelectField id="h-outcome" className="filter" label={t("history.outcome")} value={filters.outcome} onChange={(outcome) => patch({ outcome: outcome as HistoryFilters["outcome"] })}>
          <option value="">{t("history.anyOutcome")}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`outcome.${outcome}`)}
            </option>
          ))}
        </SelectField>
        <div className="filter">
          <label className="field-label" htmlFor="h-from">
            {t("history.from")}
          </label>
          <input id="h-from" className="input" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => patch({ from: e.target.value })} />
        </div>
        <div className="filter">
          <label className="field-label" htmlFor="h-to">
            {t("history.to")}
          </label>
          <input id="h-to" className="input" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => patch({ to: e.target.value })} />
        </div>
        <button type="button" className="btn btn-ghost filter-clear" onClick={() => setFilters(EMPTY_FILTERS)} disabled={!hasFilters(filters)}>
          {t("history.clear")}
        </button>
      </form>

      <div className="compare-bar">
        <p className={choice.ready || choice.reason === "count" ? "muted" : "compare-warning"} aria-live="polite">
          {f.bidi(compareText)}
        </p>
        <button id="history-compare-button" type="button" className="btn btn-secondary" disabled={!choice.ready} onClick={() => void compare()}>
          {t("history.compare")}
        </button>
      </div>

      {failure ? <InlineError summary={t("history.actionFailed")} detail={failure} /> : null}
      <p className="sr-only" aria-live="polite">
        {message}
      </p>

      <div ref={listRef} tabIndex={-1} className="history-list" aria-busy={listing.status === "loading"}>
        {listing.status === "loading" ? <p className="muted">{t("history.loading")}</p> : null}
        {listing.status === "error" ? <InlineError summary={t("history.loadFailed")} detail={listing.detail} /> : null}
        {listing.status === "ready" && runs.length === 0 ? <p className="history-empty">{hasFilters(filters) ? t("history.noMatch") : t("history.empty")}</p> : null}
        {runs.length > 0 ? (
          <HistoryTable
            runs={runs}
            selected={selected}
            onSelect={(id, on) => setSelected((old) => toggleSelected(old, id, on))}
            onOpen={act(onOpen)}
            onRunAgain={act(onRunAgain)}
            onDelete={setDeleting}
            bridge={bridge}
            offerEhlo={offerEhlo}
          />
        ) : null}
      </div>

      {deleting ? (
        <ConfirmDialog
          title={t("history.deleteTitle")}
          text={t("history.deleteText", { server: runTarget(deleting), time: f.date(deleting.startedAt) })}
          confirm={t("history.deleteConfirm")}
          cancel={t("history.keep")}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}
