import type { CSSProperties } from "react";
import { memo } from "react";

/**
 * A visible path plus a wide invisible one that takes the clicks (like React Flow's BaseEdge). An
 * edge that is not `interactive` has no click area at all, so it never covers the nodes it joins.
 */
export const EdgePath = memo(function EdgePath({
  path,
  testId,
  className,
  dashed,
  failed,
  style,
  interactive = true,
  kind,
}: {
  path: string;
  testId: string;
  className: string;
  dashed?: string | undefined;
  /** On the path of a failed ping cell. */
  failed?: boolean;
  style?: CSSProperties | undefined;
  interactive?: boolean;
  /** The edge kind, for tests and styles: attach, parent, trunk. */
  kind: string;
}) {
  return (
    <>
      <path
        d={path}
        fill="none"
        className={`react-flow__edge-path ${className}`}
        strokeDasharray={dashed}
        style={interactive ? style : { ...style, pointerEvents: "none" }}
        data-testid={testId}
        data-kind={kind}
        data-failed={failed ? "true" : undefined}
      />
      {interactive && (
        <path d={path} fill="none" strokeOpacity={0} strokeWidth={10} className="react-flow__edge-interaction" />
      )}
    </>
  );
});
