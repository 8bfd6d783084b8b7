import { useTranslation } from "react-i18next";
import type { AlternativePort } from "../model/finding-view";
import { useFormat } from "../state/use-format";

/** Other ports that answered when the requested one did not, each one click from a new check. */
export function AltPortsTable({ ports, onTryPort, onJump }: { ports: AlternativePort[]; onTryPort(port: number, tls: string): void; onJump(evidence: number[]): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div className="alt-ports">
      <h3 className="subhead">{t("findings.altPorts.title")}</h3>
      <p className="muted">{t("findings.altPorts.hint")}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("findings.altPorts.port")}</th>
            <th scope="col">{t("findings.altPorts.tls")}</th>
            <th scope="col" className="num">
              {t("findings.altPorts.time")}
            </th>
            <th scope="col">{t("findings.altPorts.details")}</th>
            <th scope="col">
              <span className="sr-only">{t("findings.altPorts.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ports.map((port) => (
            <tr key={port.port}>
              <td className="mono">{port.port}</td>
              <td>{port.tls ? t(`tls.${port.tls}`, { defaultValue: port.tls }) : "—"}</td>
              <td className="num mono">{port.ms === null ? "—" : t("units.msValue", { value: f.ms(port.ms) })}</td>
              <td className="mono small" dir="ltr">
                {port.details || "—"}
              </td>
              <td className="actions">
                <button type="button" className="btn btn-secondary btn-small" onClick={() => onTryPort(port.port, port.tls)}>
                  {t("findings.altPorts.try", { port: port.port })}
                </button>
                {port.evidence.length > 0 ? (
                  <button type="button" className="btn btn-link btn-small" onClick={() => onJump(port.evidence)}>
                    {t("findings.showEvidence")}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
