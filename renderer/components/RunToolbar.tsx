import { useTranslation } from "react-i18next";
import type { EhloBridge } from "../../shared/contract/bridge";
import type { ExportSource } from "../../shared/contract/methods-history";
import type { CheckSessionState } from "../model/check-session";
import type { ChecklistStates } from "../model/checklist-state";
import { useFormat } from "../state/use-format";
import { ExportMenu, type ExportRequest } from "./ExportMenu";
import { IconOk, IconPlay } from "./Icons";

interface RunToolbarProps {
  state: CheckSessionState;
  bridge: EhloBridge;
  checklists: ChecklistStates;
  offerEhlo: boolean;
  exportRequest: ExportRequest | null;
  onRunAgain(): void;
}

/**
 * Above a finished run: where it comes from (checked now and saved, reopened from the history,
 * an imported report, a report file), "run again" for recorded runs, and the export choices.
 */
export function RunToolbar({ state, bridge, checklists, offerEhlo, exportRequest, onRunAgain }: RunToolbarProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const { result, origin } = state;
  if (state.status !== "done" || !result || !origin) return null;
  const time = f.date(result.startedAt);
  const source: ExportSource = state.historyId ? { kind: "history", id: state.historyId } : { kind: "result", result };
  let where: string | null = null;
  if (origin.kind === "history") where = origin.header.source === "import" ? t("run.imported", { time }) : t("run.fromHistory", { time });
  else if (origin.kind === "file") where = t("run.openedFile", { name: origin.fileName, time });
  const starts = state.exactRequest && !state.request?.auth;
  return (
    <div className="run-toolbar" role="group" aria-label={t("run.toolbar")}>
      <div className="run-origin">
        {where ? (
          <>
            <p className="run-where">{f.bidi(where)}</p>
            <p className="muted small">{t("run.readOnly")}</p>
          </>
        ) : state.historyId ? (
          <p className="run-saved">
            <IconOk className="sev-ok" /> {t("run.saved")}
          </p>
        ) : null}
      </div>
      <div className="run-actions">
        {origin.kind !== "live" ? (
          <button type="button" className="btn btn-secondary" onClick={onRunAgain}>
            {starts ? <IconPlay /> : null}
            <span>{starts ? t("run.runAgain") : t("run.fillForm")}</span>
          </button>
        ) : null}
        <ExportMenu bridge={bridge} source={source} fallback={result} checklists={checklists} offerEhlo={offerEhlo} openRequest={exportRequest} />
      </div>
    </div>
  );
}
