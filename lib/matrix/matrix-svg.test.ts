import { describe, expect, it } from "vitest";
import { matrixSvg } from "./matrix-svg";
import { probeCell } from "./testing";

describe("the matrix as a picture", () => {
  it("draws one square per pair and means, coloured by verdict, with escaped names", () => {
    const cells = [
      probeCell({ from: "a", to: "b<x>" }),
      probeCell({ from: "b<x>", to: "a", verdict: "fail", actual: "blocked" }),
    ];
    const { svg, width, height } = matrixSvg(cells, { rows: ["a", "b<x>"], cols: ["a", "b<x>"], by: ["ip"] }, "run 1");
    expect(svg).toContain("b&#60;x&#62;");
    expect(svg).not.toContain("b<x>");
    expect(svg.match(/data-verdict="pass"/g)).toHaveLength(1);
    expect(svg.match(/data-verdict="fail"/g)).toHaveLength(1);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });

  it("marks squares without a result as not probed, and is the same for the same input", () => {
    const axes = { rows: ["a", "b", "c"], cols: ["a", "b", "c"], by: ["ip" as const] };
    const cells = [probeCell({ from: "a", to: "b" })];
    const first = matrixSvg(cells, axes, "t").svg;
    expect(first.match(/data-verdict="pending"/g)).toHaveLength(5);
    expect(matrixSvg(cells, axes, "t").svg).toBe(first);
  });
});
