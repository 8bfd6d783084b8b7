import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionMonitor, ConnectionState } from "../transport/connection";

/** Says when the link to the Ehlo host is down, why, and when it retries; offers "retry now". */
export function ConnectionBanner({ state, monitor }: { state: ConnectionState; monitor: ConnectionMonitor }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.status !== "reconnecting") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.status]);
  const problem = state.problem;
  if (state.status === "open" && problem?.kind !== "protocol") return null;
  if (state.status === "connecting" && !problem) return null;
  let message: string;
  if (problem?.kind === "no-token") message = t("connection.noToken");
  else if (problem?.kind === "protocol") message = t("connection.protocol", { message: problem.message });
  else if (state.status === "reconnecting") {
    const seconds = Math.max(0, Math.ceil(((state.retryAt ?? now) - now) / 1000));
    message = t("connection.reconnecting", { seconds });
  } else message = t("connection.lost");
  return (
    <div className={`banner ${problem?.kind === "protocol" ? "banner-warning" : "banner-error"}`} role="alert">
      <p>{message}</p>
      {state.status === "reconnecting" ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => monitor.retryNow()}>
          {t("connection.retryNow")}
        </button>
      ) : null}
    </div>
  );
}
