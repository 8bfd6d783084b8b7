import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CheckEvent } from "../../shared/contract/events";
import { evidenceRows, type FindingRow, type TimelineRow } from "../model/timeline";
import { transcriptText } from "../model/transcript";
import { CopyButton } from "./CopyButton";
import { IconArrowDown } from "./Icons";
import { LINES_SHOWN, TimelineRowView } from "./TimelineRow";
import { useFollowLatest } from "./use-follow-latest";

/** A request to show evidence: `n` changes on every click, so the same finding can jump twice. */
export interface JumpRequest {
  seqs: number[];
  n: number;
}

interface TimelineProps {
  rows: readonly TimelineRow[];
  events: readonly CheckEvent[];
  running: boolean;
  jump: JumpRequest | null;
  onJump(evidence: number[]): void;
  findingTitle(row: FindingRow): string;
}

/** The swaks markers, explained once above the transcript. */
const LEGEND = [
  ["->", "sent"],
  ["<-", "received"],
  ["~> <~", "tls"],
] as const;

/**
 * A close first guess of a row's height: a reply shows at most LINES_SHOWN lines (plus the
 * "more" button), so a 100-line reply is not guessed three times its real size. Good guesses keep
 * the virtualiser from re-laying out and re-scrolling when the real size is measured.
 */
function estimate(row: TimelineRow | undefined): number {
  if (row?.type === "reply") return 12 + 22 * (row.lines.length > LINES_SHOWN ? LINES_SHOWN + 1 : row.lines.length);
  return 30;
}

/**
 * The scroll box's size, from a ResizeObserver only. The library's default also reads the size
 * as the timeline mounts, forcing a layout of the whole page inside the task that shows the
 * results; the observer reports the same size right after layout, before the first paint.
 */
function observeScrollBox(instance: Virtualizer<HTMLDivElement, Element>, onRect: (rect: { width: number; height: number }) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === "undefined") return undefined;
  const observer = new ResizeObserver(() => onRect({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: "content-box" });
  return () => observer.disconnect();
}

/**
 * The live transcript, virtualised so a 10,000-line flood keeps the DOM small. It follows new
 * lines while the reader is at the bottom and stops following as soon as they scroll up
 * (use-follow-latest.ts).
 */
export function Timeline({ rows, events, running, jump, onJump, findingTitle }: TimelineProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const { following, boxProps, toLatest, nudge, stop: stopFollowing, reset: resetFollowing } = useFollowLatest(scrollRef, rows.length);
  const [raw, setRaw] = useState(false);
  const [showTime, setShowTime] = useState(true);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [highlight, setHighlight] = useState<ReadonlySet<number>>(new Set());
  // Attaching the virtualiser to its scroll box reads and sets the scroll offset, which forces a
  // layout of the whole page. A live check mounts the timeline empty, in the same task as the rest
  // of the results panel: attach a frame later, before its first rows can arrive. A recorded run
  // mounts with its rows, and attaches at once so they show in the first paint.
  const [attached, setAttached] = useState(rows.length > 0);
  useEffect(() => {
    if (attached) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAttached(true), 0);
    });
    // A hidden window gets no frames.
    const fallback = setTimeout(() => setAttached(true), 100);
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== null) clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [attached]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => (attached ? scrollRef.current : null),
    estimateSize: (index) => estimate(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 12,
    useFlushSync: false,
    observeElementRect: observeScrollBox,
    // Sizes come from the ResizeObserver, which reports after layout. The default also reads
    // offsetHeight when a row mounts, forcing a layout of the whole page for every batch of new
    // rows; until the observer reports, the cached size or the estimate stands in.
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (box) {
        nudge();
        return Math.round(box.blockSize);
      }
      const index = instance.indexFromElement(element);
      return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? estimate(rows[index]);
    },
  });

  const onToggle = useCallback((key: string) => {
    setExpanded((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  // A new check starts at the top, following, with nothing highlighted.
  const firstKey = rows[0]?.key;
  useEffect(() => {
    resetFollowing();
    setExpanded(new Set());
    setHighlight(new Set());
  }, [firstKey]);

  useEffect(() => {
    if (!jump) return;
    const [index] = evidenceRows(rows, jump.seqs);
    if (index === undefined) return;
    stopFollowing();
    setHighlight(new Set(jump.seqs));
    sectionRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
    virtualizer.scrollToIndex(index, { align: "center" });
    // Focus after the row is rendered, so keyboard users continue from the evidence.
    const timer = setTimeout(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] .tl-row`)?.focus({ preventScroll: true });
    }, 120);
    return () => clearTimeout(timer);
    // Only a new request moves the view (deliberately not re-run when rows arrive).
  }, [jump]);

  const items = virtualizer.getVirtualItems();
  return (
    <section className="panel timeline" ref={sectionRef} aria-labelledby="timeline-title">
      <header className="panel-header">
        <h2 id="timeline-title" className="panel-title">
          {t("timeline.title")}
        </h2>
        <div className="toolbar">
          <label className="switch">
            <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
            <span>{t("timeline.raw")}</span>
          </label>
          <label className="switch">
            <input type="checkbox" checked={showTime} onChange={(e) => setShowTime(e.target.checked)} />
            <span>{t("timeline.times")}</span>
          </label>
          <CopyButton label={t("timeline.copy")} text={() => transcriptText(events, { timing: showTime })} />
        </div>
      </header>
      <ul className="legend" aria-label={t("timeline.legend.label")}>
        {LEGEND.map(([marker, key]) => (
          <li key={key}>
            <bdi dir="ltr" className="mono legend-marker">
              {marker}
            </bdi>{" "}
            {t(`timeline.legend.${key}`)}
          </li>
        ))}
      </ul>
      <div
        ref={scrollRef}
        className="tl-scroll"
        dir="ltr"
        tabIndex={0}
        role="region"
        aria-label={t("timeline.regionLabel", { count: rows.length })}
        aria-busy={running}
        {...boxProps}
      >
        {rows.length === 0 ? (
          <p className="tl-empty">{running ? t("timeline.starting") : t("timeline.empty")}</p>
        ) : (
          <div role="list" className="tl-list" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  aria-setsize={rows.length}
                  aria-posinset={item.index + 1}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="tl-item"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <TimelineRowView
                    row={row}
                    raw={raw}
                    showTime={showTime}
                    expanded={expanded.has(row.key)}
                    highlighted={row.seqs.some((seq) => highlight.has(seq))}
                    onToggle={onToggle}
                    onJump={onJump}
                    findingTitle={findingTitle}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {!following && rows.length > 0 ? (
        <button
          type="button"
          className="btn btn-small tl-latest"
          onClick={() => {
            toLatest();
            // The button goes away: keep the keyboard in the transcript.
            scrollRef.current?.focus({ preventScroll: true });
          }}
        >
          <IconArrowDown />
          <span>{running ? t("timeline.followLatest") : t("timeline.toLatest")}</span>
        </button>
      ) : null}
    </section>
  );
}
