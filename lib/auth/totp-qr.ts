import "server-only";
import encodeQR from "qr";

/** A QR code as SVG geometry: a `size`×`size` viewBox (quiet zone included) and one path of dark modules. */
export type QrSvg = { size: number; path: string };

/** The quiet zone around the symbol, in modules: 4, as ISO/IEC 18004 asks, so phone cameras find the edges. */
const QUIET_ZONE = 4;

/**
 * The QR code of an `otpauth://` URI for an authenticator app to scan, as SVG geometry the page draws
 * with plain `<svg>`/`<path>` elements: no inline script, no style attribute and no `innerHTML`, so it
 * renders under the dashboard's nonce CSP. Error correction "medium" (15%) reads well off a screen.
 * Each row's dark modules are merged into horizontal runs, which keeps the path short. Deterministic:
 * the same URI always gives the same path.
 */
export function qrSvg(text: string): QrSvg {
  const rows = encodeQR(text, "raw", { ecc: "medium", border: QUIET_ZONE });
  const parts: string[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size: rows.length, path: parts.join("") };
}
