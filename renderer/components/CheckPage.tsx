import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo } from "../../shared/contract/api";
import type { TlsMode } from "../../shared/contract/check-request";
import type { FindingId } from "../../shared/contract/findings";
import { sessionTarget, sessionTls } from "../model/check-session";
import { findingView } from "../model/finding-view";
import { applyPreset, DEFAULT_FORM, formFieldOf, type BuiltRequest, type FieldErrors, type FormState } from "../model/form";
import { presetById } from "../model/presets";
import { parseTarget } from "../model/target";
import type { FindingRow } from "../model/timeline";
import { buildWaterfall } from "../model/waterfall";
import { useKnowledge } from "../state/knowledge";
import type { CheckSession } from "../state/use-check-session";
import { NOT_CONNECTED_FIELD } from "../transport/ws-bridge";
import { CertificateCard } from "./CertificateCard";
import { CheckForm } from "./CheckForm";
import { FindingsPanel } from "./FindingsPanel";
import { StatusBar } from "./StatusBar";
import { Timeline, type JumpRequest } from "./Timeline";
import { Waterfall } from "./Waterfall";
import { Welcome } from "./Welcome";

const TLS_OF_PORT: Record<string, TlsMode> = { starttls: "starttls", implicit: "implicit", none: "none" };

/** The check screen: the form beside the live results. */
export function CheckPage({ session, info, onOpenReference }: { session: CheckSession; info: AppInfo | null; onOpenReference(): void }) {
  const { t } = useTranslation();
  const { state } = session;
  const knowledge = useKnowledge();
  const [form, setForm] = useState<FormState>(DEFAULT_FORM);
  const [jump, setJump] = useState<JumpRequest | null>(null);

  const onChange = useCallback((patch: Partial<FormState>) => setForm((old) => ({ ...old, ...patch })), []);
  const onPreset = useCallback((id: string) => {
    const preset = presetById(id);
    if (preset) setForm((old) => applyPreset(old, preset));
  }, []);
  const onSubmit = useCallback(
    (built: BuiltRequest) => {
      session.start(built.request, built.secrets);
      // In the one-column layout the results are below the form: bring them into view.
      if (window.matchMedia("(max-width: 980px)").matches) {
        requestAnimationFrame(() => document.getElementById("results")?.scrollIntoView({ block: "start" }));
      }
    },
    [session],
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
  }, []);

  const serverErrors = useMemo<FieldErrors>(() => {
    if (state.status !== "refused" || !state.refusal || state.refusal.field === NOT_CONNECTED_FIELD) return {};
    return { [formFieldOf(state.refusal.field)]: state.refusal.message };
  }, [state.status, state.refusal]);

  const waterfall = useMemo(() => buildWaterfall(state.events), [state.events]);
  const target = useMemo(() => sessionTarget(state), [state]);
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
  return (
    <div className="check-page">
      <aside className="panel form-panel">
        <CheckForm
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
        {started ? (
          <>
            <StatusBar state={state} onCancel={session.cancel} findingTitle={titleOf} onJump={onJump} />
            <FindingsPanel findings={state.findings} target={target} platform={platform} onJump={onJump} onTryPort={onTryPort} />
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
