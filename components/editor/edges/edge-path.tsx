import { memo } from "react";

/** A visible path plus a wide invisible one that takes the clicks (like React Flow's BaseEdge). */
export const EdgePath = memo(function EdgePath({
  path,
  testId,
  className,
  dashed,
}: {
  path: string;
  testId: string;
  className: string;
  dashed?: string;
}) {
  return (
    <>
      <path
        d={path}
        fill="none"
        className={`react-flow__edge-path ${className}`}
        strokeDasharray={dashed}
        data-testid={testId}
      />
      <path d={path} fill="none" strokeOpacity={0} strokeWidth={16} className="react-flow__edge-interaction" />
    </>
  );
});
