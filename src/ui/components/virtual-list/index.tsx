import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { visibleRange } from './range';
import { ListRow } from './list-row';
import { rememberedSizes, rememberSizes } from './remembered-sizes';
import './virtual-list.css';

/** Laid out: not under a hidden screen (display: none), where every size and scroll reads 0. */
const laidOut = (el: Element | null) => !!el?.getClientRects().length;

/**
 * Calls `measure` with the element at once and after every change of its size, while it is laid
 * out: a list kept mounted under a hidden screen keeps the sizes it had (`hidden` is told instead).
 */
function useResized(
  ref: RefObject<HTMLDivElement>,
  measure: (el: HTMLDivElement) => void,
  deps: unknown[],
  hidden?: () => void,
): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => (laidOut(el) ? measure(el) : hidden?.());
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, deps);
}

interface Props<T> {
  items: readonly T[];
  /** Every row is exactly this tall (px); the layout depends on it. With `probe`, the minimum. */
  rowHeight: number;
  /**
   * A worst-case row, rendered hidden at the rows' width: its measured height becomes the row
   * height, so rows fit their content at every width and font size (and follow resizes).
   */
  probe?: ComponentChildren;
  label: string;
  getKey: (item: T, index: number) => string;
  /** Depends only on the item, its index and `rowContext`: a row is drawn again only when one changes. */
  renderRow: (item: T, index: number) => ComponentChildren;
  /** Whatever else `renderRow` reads (e.g. the sync problems): every row is drawn again when it changes. */
  rowContext?: unknown;
  overscan?: number;
  /** Told which rows are about to show, so their data can be loaded (paged lists). */
  onRange?: (start: number, end: number) => void;
}

/**
 * Renders only the rows in view, so 10,000 items cost as much as 20. The container scrolls;
 * rows are absolutely positioned inside a spacer as tall as the whole list.
 */
export function VirtualList<T>({
  items,
  rowHeight: minRowHeight,
  probe,
  label,
  getKey,
  renderRow,
  rowContext,
  overscan = 4,
  onRange,
}: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLDivElement>(null);
  // This window's sizes from the last time, or a guess; measured as soon as the list is laid out.
  const [remembered] = useState(() => rememberedSizes(label));
  const [measured, setMeasured] = useState(probe !== undefined ? (remembered?.rowHeight ?? 0) : 0);
  const rowHeight = Math.max(minRowHeight, measured);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(remembered?.viewport ?? 600);
  /** Whether the sizes in state were measured (not remembered or guessed): kept for next time. */
  const measuredNow = useRef({ viewport: false, row: probe === undefined });
  const frame = useRef(0);

  // Where the list is scrolled to, in rows (fractional). Shown again after being hidden, the
  // scroller is back at the top; with a new row height (the tablet turned, a larger font) the same
  // pixels are other rows: either way it is put back at the same rows.
  const anchor = useRef(0);
  const rowHeightNow = useRef(rowHeight);
  rowHeightNow.current = rowHeight;
  const toAnchor = (el: HTMLDivElement) => {
    const top = Math.round(anchor.current * rowHeightNow.current);
    el.scrollTop = top;
    setScrollTop(top - (top % rowHeightNow.current));
  };
  const wasHidden = useRef(false);
  useResized(
    ref,
    (el) => {
      if (wasHidden.current) toAnchor(el);
      wasHidden.current = false;
      measuredNow.current.viewport = true;
      setViewport(el.clientHeight);
    },
    [],
    () => (wasHidden.current = true),
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  useResized(
    probeRef,
    (el) => {
      measuredNow.current.row = true;
      setMeasured(Math.ceil(el.getBoundingClientRect().height));
    },
    [probe !== undefined],
  );
  useEffect(() => {
    if (measuredNow.current.viewport && measuredNow.current.row) rememberSizes(label, { viewport, rowHeight });
  }, [viewport, rowHeight]);
  const anchoredHeight = useRef(rowHeight);
  useLayoutEffect(() => {
    if (anchoredHeight.current === rowHeight || !laidOut(ref.current)) return;
    anchoredHeight.current = rowHeight;
    toAnchor(ref.current!);
  }, [rowHeight]);

  // The scroll position is kept in whole rows: a frame of a fling draws the list again only when
  // another row reaches the top (an unchanged state draws nothing); the overscan covers the rest
  // of the row at the bottom of the view.
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      if (!laidOut(ref.current)) return; // hidden since the scroll: keep where it was
      const top = ref.current!.scrollTop;
      const height = rowHeightNow.current; // the frame's, not the render's that set the handler
      anchor.current = top / height;
      setScrollTop(top - (top % height));
    });
  };

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, items.length, overscan);
  useEffect(() => {
    if (end > start) onRange?.(start, end);
  }, [start, end, items]);
  const rows: ComponentChildren[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i] as T;
    rows.push(
      <div
        key={getKey(item, i)}
        role="listitem"
        aria-posinset={i + 1}
        aria-setsize={items.length}
        class="vlist__row"
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
      >
        <ListRow item={item} index={i} context={rowContext} render={renderRow} />
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      class="vlist"
      tabIndex={0}
      role="region"
      aria-label={`${label}（共 ${items.length} 条，可上下滑动）`}
      onScroll={onScroll}
      data-count={items.length}
    >
      <div role="list" aria-label={label} class="vlist__spacer" style={{ height: `${items.length * rowHeight}px` }}>
        {probe !== undefined && (
          <div ref={probeRef} class="vlist__row vlist__probe" aria-hidden="true">
            {probe}
          </div>
        )}
        {rows}
      </div>
    </div>
  );
}
