import { InlineError } from "./InlineError";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { HistoryEntryData } from "../../shared/contract/history";
import { checkImportSize } from "../model/import-file";
import { useFormat } from "../state/use-format";

interface ImportButtonProps {
  bridge: EhloBridge;
  transport: "electron" | "websocket";
  onImported(entry: HistoryEntryData): void;
}

type Problem = { summary: string; detail: string | null };

/**
 * "Import report…": a file picker for an ehlo.report/1 JSON file (.json, or the desktop app's
 * .ehlo). The text goes to main, which checks all of it before anything is written; what is
 * wrong with a bad file is said here, in the person's language, with main's detail under it.
 */
export function ImportButton({ bridge, transport, onImported }: ImportButtonProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again must fire change again.
    event.target.value = "";
    if (!file) return;
    setProblem(null);
    setBusy(true);
    try {
      const text = await file.text();
      const size = checkImportSize(text, transport);
      if (!size.ok) {
        setProblem({ summary: t("history.importTooLarge", { size: f.number(size.sizeMb), max: f.number(size.maxMb) }), detail: null });
        return;
      }
      onImported(await bridge.callMethod("history.import", { json: text }));
    } catch (error) {
      setProblem({ summary: t("history.importFailed"), detail: `${file.name}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import">
      <input ref={input} id={id} type="file" accept=".json,.ehlo,application/json" className="sr-only" tabIndex={-1} aria-hidden="true" onChange={(e) => void onFile(e)} />
      <button type="button" className="btn btn-secondary" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? t("history.importing") : t("history.import")}
      </button>
      {problem ? <InlineError className="import-error" summary={problem.summary} detail={problem.detail} /> : null}
    </div>
  );
}
