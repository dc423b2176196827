"use client";

import { useEffect, useState } from "react";

/**
 * How much to enlarge the presenter's text for the screen it is on: 1 at 1280×720, growing with the
 * window (1.5 at 1920×1080, 3 at 3840×2160), never below 1 nor above `max`. Used as CSS `zoom` on the
 * presenter's text panes, so the whole interface (rem sizes included) scales as one.
 */
export function useViewportScale(max = 3): number {
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const measure = () => setScale(Math.max(1, Math.min(max, window.innerWidth / 1280, window.innerHeight / 720)));
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [max]);
  return scale;
}
