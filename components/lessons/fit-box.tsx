"use client";

import { type ReactNode, useLayoutEffect, useRef, useState } from "react";

/**
 * Scales its content to fill the box (CSS `zoom`, so text stays sharp and layout stays right), up to
 * `max` times its natural size: the presenter's matrix fills its pane on a projector, however few cells.
 */
export function FitBox({ children, max = 4, testId }: { children: ReactNode; max?: number; testId?: string }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useLayoutEffect(() => {
    const box = outer.current;
    const content = inner.current;
    if (!box || !content) return;
    const measure = () => {
      // The content's natural size: measured at zoom 1 (offset sizes include the zoom already).
      const current = Number(content.style.zoom || "1") || 1;
      const width = content.scrollWidth / current;
      const height = content.scrollHeight / current;
      if (width === 0 || height === 0) return;
      const next = Math.max(1, Math.min(max, (box.clientWidth - 8) / width, (box.clientHeight - 8) / height));
      setZoom(Math.floor(next * 20) / 20);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    const contentObserver = new MutationObserver(measure);
    contentObserver.observe(content, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      contentObserver.disconnect();
    };
  }, [max]);
  return (
    <div ref={outer} className="h-full w-full overflow-auto" data-testid={testId} data-zoom={zoom}>
      <div ref={inner} className="w-max" style={{ zoom }}>
        {children}
      </div>
    </div>
  );
}
