import { useTranslation } from "react-i18next";
import type { AppInfo } from "../../shared/contract/api";
import { matrixTarget } from "../model/matrix-form";
import type { MatrixView } from "../state/use-matrix-view";
import { NOT_CONNECTED_FIELD } from "../transport/ws-bridge";
import { IconError, IconWarning } from "./Icons";
import { CellDetail } from "./matrix/CellDetail";
import { MatrixForm } from "./matrix/MatrixForm";
import { MatrixGrid } from "./matrix/MatrixGrid";
import "../styles/matrix.css";

/**
 * The matrix view: many targets at once (every MX address of a domain, or a host's ports in
 * each TLS mode), a row per target and a column per stage, filled in live as rows end.
 */
export function MatrixPage({ view, info }: { view: MatrixView; info: AppInfo | null }) {
  const { t } = useTranslation();
  const { grid, selected } = view;
  const running = grid.status === "running";
  const selectedRow = selected ? grid.rows.find((row) => row.index === selected.index) : undefined;
  const spec = grid.result?.spec;
  const name = spec ? ("domain" in spec ? spec.domain : spec.host) : matrixTarget(view.form);
  return (
    <div className="check-page matrix-page">
      <aside className="panel form-panel">
        <MatrixForm form={view.form} errors={view.errors} running={running} onChange={view.setForm} onRun={view.run} onCancel={view.cancel} />
      </aside>
      <div className="results" role="region" aria-label={t("results.label")}>
        {grid.status === "idle" ? (
          <section className="panel welcome" aria-labelledby="matrix-welcome-title">
            <h2 id="matrix-welcome-title" className="welcome-title">
              {t("matrix.welcome.title")}
            </h2>
            <p className="welcome-lead">{t("matrix.welcome.lead")}</p>
          </section>
        ) : (
          <section className="panel matrix-panel" aria-labelledby="matrix-title">
            <header className="panel-header">
              <h2 id="matrix-title" className="panel-title">
                {t("matrix.title")} <bdi dir="ltr" className="mono">{name}</bdi>
              </h2>
              {grid.result?.implicitMx ? <span className="panel-meta">{t("matrix.implicitMx")}</span> : null}
            </header>
            {grid.status === "failed" && grid.error ? (
              <p className="status status-failed" role="alert">
                <IconError className="status-icon" />
                <span className="status-text">
                  <span className="status-title">{grid.error.field === NOT_CONNECTED_FIELD ? t("connection.notConnected") : t("matrix.failed")}</span>
                  {grid.error.field === NOT_CONNECTED_FIELD ? null : (
                    <span className="status-sub" lang="en" dir="auto">
                      {" "}
                      {grid.error.message}
                    </span>
                  )}
                </span>
              </p>
            ) : null}
            {grid.status === "cancelled" ? (
              <p className="matrix-note">
                <IconWarning /> {t("matrix.cancelled")}
              </p>
            ) : null}
            {grid.status === "done" && grid.rows.length === 0 ? <p className="muted">{t("matrix.noRows")}</p> : null}
            <MatrixGrid rows={grid.rows} running={running} selected={selected} onSelect={view.select} caption={t("matrix.caption", { target: name })} />
          </section>
        )}
        {selected && selectedRow ? <CellDetail row={selectedRow} stage={selected.stage} platform={info?.platform ?? "other"} onClose={() => view.select(null)} /> : null}
      </div>
    </div>
  );
}
