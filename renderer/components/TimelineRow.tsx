import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { assertNever } from "../../shared/contract/events";
import { directionMarker, type FindingRow, type MetaRow, type NoteRow, type ReplyRow, type SendRow, type TimelineRow, type WaitingRow } from "../model/timeline";
import { metaMessage } from "../model/timeline-text";
import { useFormat } from "../state/use-format";
import { IconChevron, IconClock, IconLock, SeverityIcon } from "./Icons";
import { ReplyExplanation } from "./ReplyExplanation";

/**
 * One transcript row. Client and server lines differ by the swaks marker (`->` / `<-`, `~>` / `<~`
 * under TLS), a screen-reader word and colour, never by colour alone; TLS lines carry a lock.
 * Wire text is always left-to-right, whatever the page direction.
 */
export interface RowOptions {
  raw: boolean;
  showTime: boolean;
  expanded: boolean;
  highlighted: boolean;
  onToggle(key: string): void;
  onJump(evidence: number[]): void;
  findingTitle(row: FindingRow): string;
}

function Marker({ text, spoken, tls }: { text: string; spoken: string; tls: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="tl-marker">
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{spoken}</span>
      {tls ? <IconLock className="tl-lock" label={t("timeline.tls")} /> : <span className="tl-lock-space" />}
    </span>
  );
}

function SendContent({ row }: { row: SendRow }) {
  const { t } = useTranslation();
  return (
    <>
      <Marker text={directionMarker(row)} spoken={t("timeline.sent")} tls={row.tls} />
      <div className="tl-content">
        <code className="tl-text">{row.text}</code>
        {row.redacted ? <span className="tag">{t("timeline.redacted")}</span> : null}
      </div>
    </>
  );
}

/** Longer replies show their head and a button for the rest, so one row stays a readable size. */
export const LINES_SHOWN = 30;

function ReplyContent({ row, options }: { row: ReplyRow; options: RowOptions }) {
  const { t } = useTranslation();
  const [allLines, setAllLines] = useState(false);
  const hidden = allLines ? 0 : Math.max(0, row.lines.length - LINES_SHOWN);
  const lines = hidden > 0 ? row.lines.slice(0, LINES_SHOWN) : row.lines;
  const panelId = `explain-${row.key}`;
  const explainable = row.code !== null;
  return (
    <>
      <Marker text={directionMarker(row)} spoken={t("timeline.received")} tls={row.tls} />
      <div className="tl-content">
        <div className="tl-reply">
          <span className={`badge badge-${row.badge}`} title={row.badge === "none" ? undefined : t(`badge.${row.badge}`)}>
            {row.code ?? "???"}
            <span className="sr-only"> ({row.badge === "none" ? t("badge.none") : t(`badge.${row.badge}`)})</span>
          </span>
          <div className="tl-lines">
            {lines.map((line) => (
              <code key={line.seq} className="tl-text">
                {options.raw ? line.raw : line.body || "\u00a0"}
              </code>
            ))}
            {hidden > 0 ? (
              <button type="button" className="btn btn-link btn-small" onClick={() => setAllLines(true)}>
                {t("timeline.moreHidden", { count: hidden })}
              </button>
            ) : null}
            {!row.complete ? <span className="tl-pending" dir="auto">{t("timeline.moreLines")}</span> : null}
          </div>
          {row.bareLf ? (
            <span className="tag tag-warning" title={t("timeline.bareLfHint")}>
              {t("timeline.bareLf")}
            </span>
          ) : null}
          {explainable ? (
            <button
              type="button"
              className="btn btn-ghost btn-small tl-explain"
              aria-expanded={options.expanded}
              aria-controls={options.expanded ? panelId : undefined}
              onClick={() => options.onToggle(row.key)}
            >
              <IconChevron className="chevron" />
              <span>{t("timeline.explain")}</span>
              <span className="sr-only"> {row.code}</span>
            </button>
          ) : null}
        </div>
        {options.expanded && explainable ? <ReplyExplanation row={row} id={panelId} /> : null}
      </div>
    </>
  );
}

function MetaContent({ row }: { row: MetaRow }) {
  const { t } = useTranslation();
  const f = useFormat();
  const message = metaMessage(row);
  const params: Record<string, string | number> = { ...message.params };
  if (typeof row.params["ms"] === "number") params["ms"] = f.ms(row.params["ms"]);
  for (const [name, key] of Object.entries(message.keyParams)) params[name] = t(key);
  const failing = row.tone === "failure";
  return (
    <>
      <Marker text={failing ? "!!!" : "==="} spoken={failing ? t("timeline.problem") : t("timeline.info")} tls={false} />
      <div className="tl-content">
        <span className="tl-meta" dir="auto">
          {f.bidi(t(message.key, params))}
        </span>
      </div>
    </>
  );
}

function NoteContent({ row }: { row: NoteRow }) {
  const { t } = useTranslation();
  return (
    <>
      <Marker text={row.level === "info" ? "===" : "!!!"} spoken={t(`severity.${row.level}`)} tls={false} />
      <div className="tl-content">
        <span className="tl-meta">{row.text}</span>
        <code className="tag">{row.code}</code>
      </div>
    </>
  );
}

function WaitingContent({ row }: { row: WaitingRow }) {
  const { t } = useTranslation();
  const f = useFormat();
  const key = row.settled ? "timeline.waited" : "timeline.waiting";
  return (
    <>
      <Marker text="..." spoken={t("timeline.info")} tls={false} />
      <div className="tl-content">
        <span className="tl-meta" dir="auto">
          <IconClock /> {t(key, { what: t(`phaseWait.${row.phase}`), seconds: f.seconds(row.elapsedMs) })}
        </span>
      </div>
    </>
  );
}

function FindingContent({ row, options }: { row: FindingRow; options: RowOptions }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Marker text="***" spoken={t(`severity.${row.severity}`)} tls={false} />
      <div className="tl-content tl-finding">
        <SeverityIcon severity={row.severity} />
        {row.provisional ? <span className="tag" dir="auto">{t("timeline.provisional")}</span> : null}
        <span dir="auto">{f.bidi(options.findingTitle(row))}</span>
        {row.evidence.length > 0 ? (
          <button type="button" className="btn btn-link btn-small" onClick={() => options.onJump(row.evidence)}>
            {t("findings.showEvidence")}
          </button>
        ) : null}
      </div>
    </>
  );
}

function RowBody({ row, options }: { row: TimelineRow; options: RowOptions }) {
  switch (row.type) {
    case "send":
      return <SendContent row={row} />;
    case "reply":
      return <ReplyContent row={row} options={options} />;
    case "meta":
      return <MetaContent row={row} />;
    case "note":
      return <NoteContent row={row} />;
    case "waiting":
      return <WaitingContent row={row} />;
    case "finding":
      return <FindingContent row={row} options={options} />;
    default:
      return assertNever(row);
  }
}

function toneOf(row: TimelineRow): string {
  switch (row.type) {
    case "send":
      return "sent";
    case "reply":
      return row.badge === "4xx" || row.badge === "5xx" || row.badge === "none" ? "received failure" : "received";
    case "meta":
      return row.tone;
    case "note":
      return row.level === "error" ? "failure" : row.level === "warning" ? "warning" : "info";
    case "waiting":
      return "muted";
    case "finding":
      return row.severity === "error" ? "failure" : row.severity;
    default:
      return assertNever(row);
  }
}

export const TimelineRowView = memo(function TimelineRowView(props: RowOptions & { row: TimelineRow }) {
  const { row, ...options } = props;
  const f = useFormat();
  const tones = toneOf(row)
    .split(" ")
    .map((tone) => `tone-${tone}`)
    .join(" ");
  return (
    <div className={`tl-row tl-${row.type} ${tones}${options.highlighted ? " is-evidence" : ""}`} tabIndex={-1}>
      {options.showTime ? <span className="tl-time">{f.ms(row.t)}</span> : null}
      <RowBody row={row} options={options} />
    </div>
  );
});
