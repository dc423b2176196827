import { memo } from "react";

/** A visible path plus a wide invisible one that takes the clicks (like React Flow's BaseEdge). */
export const EdgePath = memo(function EdgePath({
  path,
  testId,
  className,
  dashed,
  failed,
}: {
  path: string;
  testId: string;
  className: string;
  dashed?: string | undefined;
  /** On the path of a failed ping cell. */
  failed?: boolean;
}) {
  return (
    <>
      <path
        d={path}
        fill="none"
        className={`react-flow__edge-path ${className}`}
        strokeDasharray={dashed}
        data-testid={testId}
        data-failed={failed ? "true" : undefined}
      />
      <path d={path} fill="none" strokeOpacity={0} strokeWidth={16} className="react-flow__edge-interaction" />
    </>
  );
});
