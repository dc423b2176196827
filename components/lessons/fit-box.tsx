"use client";

import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * Scales its content to fill the box (CSS `zoom`, so text stays sharp and the layout stays right), up to
 * `max` times its natural size and never below it: the presenter's matrix fills its pane on a projector,
 * however few cells it has. Measured again when the box resizes or the content changes.
 */
export function FitBox({
  children,
  max = 4,
  keySelector,
  minWidth = 0,
  testId,
}: {
  children: ReactNode;
  max?: number;
  /** The element whose width is the content's (a matrix's table), when it has one. */
  keySelector?: string;
  /** The narrowest the content is laid out (px at zoom 1), so what wraps does not wrap too much. */
  minWidth?: number;
  testId?: string;
}) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (!box || !content) return;
    let zoom = 1;
    const measure = () => {
      // The content's natural size, read at zoom 1: as wide as its main table (`key`, so a long legend
      // below it wraps instead of setting the width), at least `minWidth`; then the largest zoom that fits.
      content.style.zoom = "1";
      content.style.width = "max-content";
      const natural = content.getBoundingClientRect().width;
      const main = (keySelector && content.querySelector(keySelector)?.getBoundingClientRect().width) || natural;
      content.style.width = `${Math.ceil(Math.min(natural, Math.max(main, minWidth)))}px`;
      const { width, height } = content.getBoundingClientRect();
      if (width > 0 && height > 0) {
        const fits = Math.min((box.clientWidth - 8) / width, (box.clientHeight - 8) / height);
        zoom = Math.floor(Math.max(1, Math.min(max, fits)) * 20) / 20;
      }
      content.style.zoom = String(zoom);
      box.dataset.zoom = String(zoom);
    };
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(box);
    const changed = new MutationObserver(measure);
    changed.observe(content, { childList: true, subtree: true, characterData: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, [max, keySelector, minWidth]);
  return (
    <div ref={outer} className="h-full w-full overflow-auto" data-testid={testId}>
      <div ref={inner}>{children}</div>
    </div>
  );
}
