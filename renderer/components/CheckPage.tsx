import { memo, useCallback, useDeferredValue, useEffect, useMemo, useReducer, useState, type Dispatch, type SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo } from "../../shared/contract/api";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { TlsMode } from "../../shared/contract/check-request";
import type { FindingId } from "../../shared/contract/findings";
import { sessionTarget, sessionTls } from "../model/check-session";
import { findingView } from "../model/finding-view";
import { checklistReducer } from "../model/checklist-state";
import { applyPreset, formFieldOf, type BuiltRequest, type FieldErrors, type FormState } from "../model/form";
import { presetById } from "../model/presets";
import { parseTarget } from "../model/target";
import type { FindingRow } from "../model/timeline";
import { buildWaterfall } from "../model/waterfall";
import { useKnowledge } from "../state/knowledge";
import { warmFormat } from "../state/use-format";
import type { CheckSession } from "../state/use-check-session";
import { INCOMPLETE_FIELD } from "../../shared/contract/check-stream";
import { NOT_CONNECTED_FIELD } from "../transport/ws-bridge";
import { CertificateCard } from "./CertificateCard";
import { CheckForm } from "./CheckForm";
import type { ExportRequest } from "./ExportMenu";
import { FindingsPanel } from "./FindingsPanel";
import { RunToolbar } from "./RunToolbar";
import { StatusBar } from "./StatusBar";
import { Timeline, type JumpRequest } from "./Timeline";
import { Waterfall } from "./Waterfall";
import { Welcome } from "./Welcome";

/**
 * The form renders again only when its own props change: with 100 recipients it is a large tree,
 * and it has nothing to show for each batch of a live check's events.
 */
const StableCheckForm = memo(CheckForm);

const TLS_OF_PORT: Record<string, TlsMode> = { starttls: "starttls", implicit: "implicit", none: "none" };

interface CheckPageProps {
  session: CheckSession;
  info: AppInfo | null;
  bridge: EhloBridge;
  /** The form lives with the app, so links, "run again" and New check can fill it in. */
  form: FormState;
  setForm: Dispatch<SetStateAction<FormState>>;
  /** A message about the form (filled from a link, a password to type again …). */
  notice: string | null;
  offerEhlo: boolean;
  exportRequest: ExportRequest | null;
  onRunAgain(): void;
  onOpenReference(): void;
}

/** The check screen: the form beside the live results (or a recorded run, exactly as it was). */
export function CheckPage({ session, info, bridge, form, setForm, notice, offerEhlo, exportRequest, onRunAgain, onOpenReference }: CheckPageProps) {
  const { t, i18n } = useTranslation();
  const { state } = session;
  const knowledge = useKnowledge();
  const [jump, setJump] = useState<JumpRequest | null>(null);
  // Ticked steps and notes belong to the run on screen: a new run starts with a clean list.
  const [checklists, dispatchChecklist] = useReducer(checklistReducer, {});
  useEffect(() => dispatchChecklist({ type: "reset" }), [state.id]);

  useEffect(() => {
    const lang = i18n.language;
    const timer = setTimeout(() => warmFormat(lang), 0);
    return () => clearTimeout(timer);
  }, [i18n.language]);

  const onChange = useCallback((patch: Partial<FormState>) => setForm((old) => ({ ...old, ...patch })), [setForm]);
  const onPreset = useCallback(
    (id: string) => {
      const preset = presetById(id);
      if (preset) setForm((old) => applyPreset(old, preset));
    },
    [setForm],
  );
  const { start: startCheck } = session;
  const onSubmit = useCallback(
    (built: BuiltRequest) => {
      startCheck(built.request, built.secrets);
      // In the one-column layout the results are below the form: bring them into view.
      if (window.matchMedia("(max-width: 980px)").matches) {
        requestAnimationFrame(() => document.getElementById("results")?.scrollIntoView({ block: "start" }));
      }
    },
    [startCheck],
  );
  const onJump = useCallback((evidence: number[]) => setJump((old) => ({ seqs: evidence, n: (old?.n ?? 0) + 1 })), []);
  const onTryPort = useCallback((port: number, tls: string) => {
    setForm((old) => {
      let host = old.target;
      try {
        host = parseTarget(old.target).host;
      } catch {
        // keep what was typed
      }
      return { ...old, target: `${host.includes(":") ? `[${host}]` : host}:${port}`, tls: TLS_OF_PORT[tls] ?? "auto" };
    });
    document.getElementById("f-host")?.focus();
  }, [setForm]);

  const serverErrors = useMemo<FieldErrors>(() => {
    // Not about the form: the status bar says what happened.
    if (state.status !== "refused" || !state.refusal || state.refusal.field === NOT_CONNECTED_FIELD || state.refusal.field === INCOMPLETE_FIELD) return {};
    return { [formFieldOf(state.refusal.field)]: state.refusal.message };
  }, [state.status, state.refusal]);

  const waterfall = useMemo(() => buildWaterfall(state.events), [state.events]);
  // Kept by value: a new object on every batch of events would make every finding title, and so
  // every memoised timeline row, render again many times a second during a flood.
  const liveTarget = sessionTarget(state);
  const target = useMemo(() => liveTarget, [liveTarget?.host, liveTarget?.port, liveTarget?.address]);
  const tls = sessionTls(state);
  // "Now" for days-left: fixed per result so the card does not change while being read.
  const now = useMemo(() => new Date(), [tls]);
  const platform = info?.platform ?? "other";
  const titleOf = useCallback(
    (id: FindingId, params: Record<string, string | number>) =>
      findingView({ id, params, severity: "info", evidence: [] }, knowledge?.findings ?? null, target, platform).title,
    [knowledge, target, platform],
  );
  const findingTitle = useCallback((row: FindingRow) => titleOf(row.id, row.params), [titleOf]);

  const running = state.status === "running";
  const started = state.status !== "idle";
  // The results panel is a large tree to mount: React renders it as a deferred (time-sliced) update
  // after the form has switched to running, so the two are not one long task. Hiding it (New
  // check) stays immediate.
  const shownStarted = useDeferredValue(started);
  const showResults = started && shownStarted;
  return (
    <div className="check-page">
      <aside className="panel form-panel">
        {notice ? (
          <p className="form-notice" role="status">
            {notice}
          </p>
        ) : null}
        <StableCheckForm
          form={form}
          onChange={onChange}
          onPreset={onPreset}
          serverErrors={serverErrors}
          running={running}
          cancelling={state.cancelling}
          canRemember={info?.face === "electron"}
          onSubmit={onSubmit}
          onCancel={session.cancel}
        />
      </aside>
      <div id="results" className="results" aria-label={t("results.label")} role="region">
        {showResults ? (
          <>
            <StatusBar state={state} onCancel={session.cancel} findingTitle={titleOf} onJump={onJump} />
            <RunToolbar state={state} bridge={bridge} checklists={checklists} offerEhlo={offerEhlo} exportRequest={exportRequest} onRunAgain={onRunAgain} />
            <FindingsPanel
              findings={state.findings}
              target={target}
              platform={platform}
              onJump={onJump}
              onTryPort={onTryPort}
              checklists={checklists}
              onChecklist={dispatchChecklist}
            />
            <div className="results-grid">
              <Waterfall model={waterfall} />
              {tls ? <CertificateCard details={tls} now={now} /> : null}
            </div>
            <Timeline rows={state.timeline.rows} events={state.events} running={running} jump={jump} onJump={onJump} findingTitle={findingTitle} />
          </>
        ) : (
          <Welcome onOpenReference={onOpenReference} />
        )}
      </div>
    </div>
  );
}
