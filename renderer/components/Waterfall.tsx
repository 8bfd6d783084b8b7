import { useTranslation } from "react-i18next";
import type { BarState, Waterfall as WaterfallModel } from "../model/waterfall";
import { useFormat } from "../state/use-format";
import { IconClock, IconError, IconOk, IconWarning } from "./Icons";

/**
 * Phase timings as a real table (screen readers read phase, start, duration and state), with the
 * bars drawn in an extra column for the eye. Bar positions use logical properties, so the chart
 * runs right-to-left in Arabic like the rest of the page.
 */
const STATE_ICON: Record<BarState, typeof IconOk> = {
  ok: IconOk,
  warning: IconWarning,
  failed: IconError,
  running: IconClock,
  interrupted: IconWarning,
};

export function Waterfall({ model }: { model: WaterfallModel }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (model.bars.length === 0) return null;
  const scale = Math.max(model.totalMs, 1);
  return (
    <section className="panel waterfall" aria-labelledby="waterfall-title">
      <header className="panel-header">
        <h2 id="waterfall-title" className="panel-title">
          {t("waterfall.title")}
        </h2>
        <span className="panel-meta">{t("waterfall.total", { ms: f.ms(model.totalMs) })}</span>
      </header>
      <table className="wf-table">
        <caption className="sr-only">{t("waterfall.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("waterfall.phase")}</th>
            <th scope="col" className="num">
              {t("waterfall.duration")}
            </th>
            <th scope="col" className="wf-chart-head">
              <span className="sr-only">{t("waterfall.chart")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.bars.map((bar) => {
            const Icon = STATE_ICON[bar.state];
            const startPct = (bar.start / scale) * 100;
            const widthPct = Math.max(((bar.end - bar.start) / scale) * 100, 0.6);
            return (
              <tr key={bar.group} className={`wf-${bar.state}`}>
                <th scope="row" className="wf-label">
                  <Icon className={`wf-icon wf-icon-${bar.state}`} label={t(`waterfall.state.${bar.state}`)} />
                  <span>{t(`waterfall.group.${bar.group}`)}</span>
                </th>
                <td className="num mono">
                  {t("units.msValue", { value: f.ms(bar.durationMs) })}
                  <span className="sr-only">
                    {" "}
                    {t("waterfall.startedAt", { ms: f.ms(bar.start) })}
                  </span>
                </td>
                <td className="wf-chart" aria-hidden="true">
                  <div className="wf-track">
                    <div className={`wf-bar wf-bar-${bar.state}`} style={{ insetInlineStart: `${startPct}%`, inlineSize: `${widthPct}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
