"use client";

import { type ReactNode, useLayoutEffect, useRef } from "react";

/**
 * Scales its content to fill the box (CSS `zoom`, so text stays sharp and the layout stays right), up to
 * `max` times its natural size and never below it: the presenter's matrix fills its pane on a projector,
 * however few cells it has. Measured again when the box resizes or the content changes.
 */
export function FitBox({ children, max = 4, testId }: { children: ReactNode; max?: number; testId?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (!box || !content) return;
    let zoom = 1;
    const measure = () => {
      // The content's natural size, read at zoom 1, then the largest zoom that fits the box.
      content.style.zoom = "1";
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
  }, [max]);
  return (
    <div ref={outer} className="h-full w-full overflow-auto" data-testid={testId}>
      <div ref={inner} className="w-max">
        {children}
      </div>
    </div>
  );
}
