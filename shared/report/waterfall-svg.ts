import type { ReportModel } from "./report-schema";
import { escapeHtml } from "./text-safety";

/**
 * The phase waterfall as inline SVG (no script, no external resource): one bar per phase span on
 * a shared time axis. Time runs left to right in every language, like the transcript's clock;
 * the phase labels are localised and laid out in their own direction. Labels and durations are escaped like any other text.
 */
const WIDTH = 720;
const LABEL_W = 170;
const DUR_W = 90;
const ROW_H = 22;
const TOP = 22;

export function waterfallSvg(model: ReportModel): string {
  const { spans, totalMs } = model.waterfall;
  if (spans.length === 0) return "";
  const barW = WIDTH - LABEL_W - DUR_W;
  const rtl = model.dir === "rtl";
  const scale = totalMs > 0 ? barW / totalMs : 0;
  const height = TOP + spans.length * ROW_H + 6;
  const ms = (value: number) => (model.labels["timing.ms"] ?? "{ms} ms").replace("{ms}", formatMs(value));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const x = LABEL_W + f * barW;
    return `<line class="grid" x1="${x.toFixed(1)}" y1="${TOP - 4}" x2="${x.toFixed(1)}" y2="${height - 4}"/>` +
      `<text x="${x.toFixed(1)}" y="${TOP - 8}" text-anchor="middle" direction="ltr">${escapeHtml(formatMs(f * totalMs))}</text>`;
  });
  const rows = spans.map((span, i) => {
    const y = TOP + i * ROW_H;
    const x = LABEL_W + span.start * scale;
    const w = Math.max(1.5, span.durationMs * scale);
    const label = model.labels[`phase.${span.phase}`] ?? span.phase;
    return [
      // The label's own direction, so "استعلام DNS" reads right to left; "start" of an RTL text
      // is its right edge, so both directions end at the bar.
      `<text x="${LABEL_W - 8}" y="${y + 15}" direction="${model.dir}" text-anchor="${rtl ? "start" : "end"}">${escapeHtml(label)}</text>`,
      `<rect class="bar${span.complete ? "" : " open"}" x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW_H - 8}" rx="2"/>`,
      `<text class="dur" x="${WIDTH - DUR_W + 6}" y="${y + 15}" direction="${model.dir}" text-anchor="${rtl ? "end" : "start"}">${escapeHtml(span.complete ? ms(span.durationMs) : `${ms(span.durationMs)} …`)}</text>`,
    ].join("");
  });
  const title = escapeHtml(model.labels["section.timing"] ?? "Timing");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${title}" direction="ltr">` +
    `<title>${title}</title>${ticks.join("")}${rows.join("")}</svg>`;
}

/** "0.4", "183", "4210": milliseconds with one decimal below 10 ms. */
export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}
