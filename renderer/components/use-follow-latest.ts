import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject, type WheelEvent } from "react";

/**
 * Keeps a live transcript's scroll box at its latest line while the reader is there, and leaves
 * it alone once they scroll up to read.
 *
 * Only the reader stops the following: the wheel or a key moving up, or a scroll up that follows
 * their own input (touch, a press on the scrollbar). While they scroll, following does not fight
 * them for the offset. Judging by geometry alone ("is the box at its end?") was
 * wrong under a flood: the scroll event of our own scrollTop fires a frame later, when the list
 * has often grown already, and the virtualiser moves the offset itself when a row above is
 * measured; both looked like the reader leaving the end, and following stopped after a screen.
 * Reaching the end again (or End, or `toLatest`) follows again.
 */
export interface FollowLatest {
  following: boolean;
  /** Props for the scroll box. */
  boxProps: {
    onScroll(): void;
    onWheel(event: WheelEvent<HTMLElement>): void;
    onTouchMove(): void;
    onPointerDown(): void;
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /** Back to the latest line, following again. */
  toLatest(): void;
  /**
   * A row changed size after it was rendered (the virtualiser's measurement): keep the end in
   * view, in the next frame. A measurement does not always render the list again, so the
   * after-commit scroll alone left a flood's last lines below the view.
   */
  nudge(): void;
  /** Something else moves the view (a jump to evidence): stop following. */
  stop(): void;
  /** A new transcript: at the top, following. */
  reset(): void;
}

/** How long after the reader's input a scroll counts as theirs (smooth scrolling runs on). */
const INPUT_WINDOW_MS = 800;
/** Within this distance of the end counts as at the end. */
const END_SLACK_PX = 24;
const KEYS_UP = new Set(["ArrowUp", "PageUp", "Home"]);
const KEYS_DOWN = new Set(["ArrowDown", "PageDown", " "]);

export function useFollowLatest(boxRef: RefObject<HTMLElement | null>, rowCount: number): FollowLatest {
  const follow = useRef(true);
  // The same as state, for the button that offers to follow again; it changes only when
  // following starts or stops, never on each scroll.
  const [following, setFollowing] = useState(true);
  const lastTop = useRef(0);
  const inputAt = useRef(-Infinity);

  const setFollow = useCallback((next: boolean) => {
    if (follow.current === next) return;
    follow.current = next;
    setFollowing(next);
  }, []);

  /** One scrollTop write (the list's height is already the virtualiser's total). */
  const scrollToEnd = (): void => {
    const el = boxRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.clientHeight;
    if (el.scrollTop < bottom - 1) el.scrollTop = bottom;
    lastTop.current = bottom;
  };
  /** While following, and not while the reader is scrolling (it would fight them for the offset). */
  const stickToEnd = (): void => {
    if (follow.current && performance.now() - inputAt.current >= INPUT_WINDOW_MS) scrollToEnd();
  };
  // After every commit. No deps on purpose: a reply that grows (new lines, same row count) must
  // stay in view too. The scrollHeight read may lay out what the commit changed, a layout the
  // next frame would do anyway.
  useEffect(() => {
    if (rowCount > 0) stickToEnd();
  });

  const toLatest = useCallback(() => {
    inputAt.current = -Infinity;
    setFollow(true);
    scrollToEnd();
  }, [setFollow]);

  const nudgeFrame = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (nudgeFrame.current !== null) cancelAnimationFrame(nudgeFrame.current);
    },
    [],
  );
  const nudge = useCallback(() => {
    if (!follow.current || nudgeFrame.current !== null) return;
    nudgeFrame.current = requestAnimationFrame(() => {
      nudgeFrame.current = null;
      stickToEnd();
    });
  }, []);

  const markInput = () => {
    inputAt.current = performance.now();
  };
  /** The reader moves up: stop following at once (when there is anything above to see). */
  const readerUp = () => {
    markInput();
    if ((boxRef.current?.scrollTop ?? 0) > 0) setFollow(false);
  };

  return {
    following,
    boxProps: {
      onScroll() {
        const el = boxRef.current;
        if (!el) return;
        const top = el.scrollTop;
        if (top + el.clientHeight >= el.scrollHeight - END_SLACK_PX) setFollow(true);
        else if (top < lastTop.current - 1 && performance.now() - inputAt.current < INPUT_WINDOW_MS) setFollow(false);
        lastTop.current = top;
      },
      onWheel(event) {
        if (event.deltaY < 0) readerUp();
        else markInput();
      },
      onTouchMove: markInput,
      onPointerDown: markInput,
      onKeyDown(event) {
        if (event.target !== event.currentTarget) return;
        if (event.key === "End") {
          // During a flood the end moves faster than the default scroll reaches it.
          event.preventDefault();
          toLatest();
        } else if (KEYS_UP.has(event.key)) readerUp();
        else if (KEYS_DOWN.has(event.key)) markInput();
      },
    },
    toLatest,
    nudge,
    stop: useCallback(() => setFollow(false), [setFollow]),
    reset: useCallback(() => {
      lastTop.current = 0;
      setFollow(true);
    }, [setFollow]),
  };
}
