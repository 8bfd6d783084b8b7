import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { HistoryEntryData, HistoryHeader } from "../../shared/contract/history";
import type { RecordedRun } from "../model/check-session";
import { DEFAULT_FORM, type FormState } from "../model/form";
import { recordedFromEntry, rerunPlan } from "../model/rerun";
import type { ExportRequest } from "../components/ExportMenu";
import type { CheckSession } from "./use-check-session";

/**
 * What the app does with recorded runs and the form, for the History view, the check page's
 * toolbar and the desktop menu alike: open a run as it was, run it again, show an import, fill
 * in the form, start over, export. History calls reject on failure; the caller says what failed.
 */
export interface RunActions {
  /** A UI text key about the form ("desktop.prefilled", "run.passwordNeeded" …), or null. */
  notice: string | null;
  exportRequest: ExportRequest | null;
  openRun(header: HistoryHeader): Promise<void>;
  runAgainFromHistory(header: HistoryHeader): Promise<void>;
  /** "Run again" on the run on screen. */
  runAgainShown(): void;
  showImported(entry: HistoryEntryData): void;
  showRecorded(run: RecordedRun): void;
  fillForm(form: FormState, notice?: string): void;
  newCheck(): void;
  /** Opens the export choices for the run on screen, offering `.ehlo`; says so when there is none. */
  exportShown(): void;
}

interface Options {
  bridge: EhloBridge;
  session: CheckSession;
  setForm: Dispatch<SetStateAction<FormState>>;
  showCheck(): void;
}

/** After the check page has rendered: focus a form field (opening its <details>), or the results. */
function focusLater(id: string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const element = document.getElementById(id);
      element?.closest("details")?.setAttribute("open", "");
      element?.focus();
    }),
  );
}

export function useRunActions({ bridge, session, setForm, showCheck }: Options): RunActions {
  const [notice, setNotice] = useState<string | null>(null);
  const [exportRequest, setExportRequest] = useState<ExportRequest | null>(null);
  const stateRef = useRef(session.state);
  useEffect(() => {
    stateRef.current = session.state;
  }, [session.state]);
  // A check that starts makes the note about how the form was filled in old news.
  useEffect(() => {
    if (session.state.status === "running") setNotice(null);
  }, [session.state.status]);

  const showRecorded = useCallback(
    (run: RecordedRun) => {
      session.load(run);
      setNotice(null);
      showCheck();
      focusLater("main");
    },
    [session, showCheck],
  );

  const runAgain = useCallback(
    (run: Pick<RecordedRun, "request" | "exactRequest" | "result">) => {
      const plan = rerunPlan(run);
      setForm(plan.form);
      showCheck();
      if (plan.kind === "start") {
        session.start(plan.request, {});
        return;
      }
      setNotice(plan.reason === "password" ? "run.passwordNeeded" : "run.inferred");
      focusLater(plan.reason === "password" ? "f-password" : "f-host");
    },
    [session, setForm, showCheck],
  );

  const openRun = useCallback(
    async (header: HistoryHeader) => showRecorded(recordedFromEntry(await bridge.callMethod("history.get", { id: header.id }))),
    [bridge, showRecorded],
  );

  const runAgainFromHistory = useCallback(
    async (header: HistoryHeader) => runAgain(recordedFromEntry(await bridge.callMethod("history.get", { id: header.id }))),
    [bridge, runAgain],
  );

  const runAgainShown = useCallback(() => {
    const state = stateRef.current;
    if (state.result && state.request) runAgain({ request: state.request, exactRequest: state.exactRequest, result: state.result });
  }, [runAgain]);

  const showImported = useCallback((entry: HistoryEntryData) => showRecorded(recordedFromEntry(entry)), [showRecorded]);

  const fillForm = useCallback(
    (form: FormState, key = "desktop.prefilled") => {
      setForm(form);
      setNotice(key);
      showCheck();
      focusLater("f-host");
    },
    [setForm, showCheck],
  );

  const newCheck = useCallback(() => {
    session.clear();
    setForm(DEFAULT_FORM);
    setNotice(null);
    showCheck();
    focusLater("f-host");
  }, [session, setForm, showCheck]);

  const exportShown = useCallback(() => {
    const state = stateRef.current;
    showCheck();
    if (state.status === "done" && state.result) {
      setNotice(null);
      setExportRequest((old) => ({ n: (old?.n ?? 0) + 1, format: "ehlo" }));
    } else {
      setNotice("desktop.noRunToExport");
    }
  }, [showCheck]);

  return useMemo(
    () => ({ notice, exportRequest, openRun, runAgainFromHistory, runAgainShown, showImported, showRecorded, fillForm, newCheck, exportShown }),
    [notice, exportRequest, openRun, runAgainFromHistory, runAgainShown, showImported, showRecorded, fillForm, newCheck, exportShown],
  );
}
