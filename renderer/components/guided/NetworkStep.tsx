import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Platform } from "../../model/finding-view";
import type { GuidedState } from "../../model/guided-steps";
import { workingPorts } from "../../model/matrix-grid";
import type { SelectedCell } from "../../state/use-matrix-view";
import { CellDetail } from "../matrix/CellDetail";
import { MatrixGrid } from "../matrix/MatrixGrid";

/** Step 3's evidence: the chosen host's port matrix, live, each cell opening its transcript. */
export function NetworkEvidence({ state, platform }: { state: GuidedState; platform: Platform }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<SelectedCell | null>(null);
  const rows = state.matrix.rows;
  const row = selected ? rows.find((r) => r.index === selected.index) : undefined;
  if (state.matrix.status === "idle") return null;
  return (
    <>
      <MatrixGrid rows={rows} running={state.matrix.status === "running"} selected={selected} onSelect={setSelected} caption={t("matrix.caption", { target: state.chosen?.host ?? "" })} />
      {selected && row ? <CellDetail row={row} stage={selected.stage} platform={platform} onClose={() => setSelected(null)} /> : null}
    </>
  );
}

/** The ports of the chosen host that worked from here, in words. */
export function WorkingPorts({ state }: { state: GuidedState }) {
  const { t } = useTranslation();
  if (state.records.network.status !== "done") return null;
  const ports = workingPorts(state.matrix.rows);
  if (ports.length === 0) return <p>{t("guided.network.noneWorking")}</p>;
  const list = ports.map((p) => `${p.port} (${t(`matrix.tlsMode.${p.tls}`)})`).join(t("guided.listSeparator"));
  return <p>{t("guided.network.working", { list })}</p>;
}
