import { useCallback, useMemo, useState } from "react";
import type { FindingId } from "../../../shared/contract/findings";
import { sessionTarget, sessionTls } from "../../model/check-session";
import { findingView, type Platform } from "../../model/finding-view";
import type { FindingRow } from "../../model/timeline";
import { useKnowledge } from "../../state/knowledge";
import type { CheckSession } from "../../state/use-check-session";
import { CertificateCard } from "../CertificateCard";
import { FindingsPanel } from "../FindingsPanel";
import { StatusBar } from "../StatusBar";
import { Timeline, type JumpRequest } from "../Timeline";

/**
 * A step's check, live and then finished, with the check screen's own parts: the status, the
 * findings explained from the knowledge base (with their checklists), the certificate, and the
 * transcript whose replies open their explanations.
 */
export function CheckEvidence({ session, platform, showCertificate }: { session: CheckSession; platform: Platform; showCertificate: boolean }) {
  const { state } = session;
  const knowledge = useKnowledge();
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const onJump = useCallback((evidence: number[]) => setJump((old) => ({ seqs: evidence, n: (old?.n ?? 0) + 1 })), []);
  const target = useMemo(() => sessionTarget(state), [state]);
  const tls = sessionTls(state);
  // "Now" for days-left: fixed per result so the card does not change while being read.
  const now = useMemo(() => new Date(), [tls]);
  const titleOf = useCallback(
    (id: FindingId, params: Record<string, string | number>) => findingView({ id, params, severity: "info", evidence: [] }, knowledge?.findings ?? null, target, platform).title,
    [knowledge, target, platform],
  );
  const findingTitle = useCallback((row: FindingRow) => titleOf(row.id, row.params), [titleOf]);
  // The walkthrough's matrix already covered other ports: their "try" table has no form here.
  const findings = useMemo(() => state.findings.filter((f) => f.id !== "port.alternative-open"), [state.findings]);
  if (state.status === "idle") return null;
  return (
    <div className="check-evidence">
      <StatusBar state={state} onCancel={session.cancel} findingTitle={titleOf} onJump={onJump} />
      <FindingsPanel findings={findings} target={target} platform={platform} onJump={onJump} onTryPort={() => undefined} />
      {showCertificate && tls ? <CertificateCard details={tls} now={now} /> : null}
      <Timeline rows={state.timeline.rows} events={state.events} running={state.status === "running"} jump={jump} onJump={onJump} findingTitle={findingTitle} />
    </div>
  );
}
