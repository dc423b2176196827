import jsQR from "jsqr";
import { Secret, TOTP } from "otpauth";
import { expect, test } from "vitest";
import { type QrSvg, qrSvg } from "./totp-qr";

/** Paints the path's runs (`M x y h n v1 h-n z`) black on white, `scale` pixels a module: RGBA, as a camera frame. */
function rasterize(qr: QrSvg, scale: number): { data: Uint8ClampedArray; width: number } {
  const width = qr.size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, run] of qr.path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py++)
      for (let px = Number(x) * scale; px < (Number(x) + Number(run)) * scale; px++)
        data.set([0, 0, 0, 255], (py * width + px) * 4);
  }
  return { data, width };
}

test("the enrolment QR code decodes, with an independent reader, to exactly the otpauth URI", () => {
  for (const label of ["adm2fa-1", "管理员"]) {
    const uri = new TOTP({ issuer: "Crossnet", label, secret: new Secret({ size: 20 }) }).toString();
    const qr = qrSvg(uri);
    expect(qr.path).toMatch(/^(?:M\d+ \d+h\d+v1h-\d+z)+$/);
    const { data, width } = rasterize(qr, 4);
    expect(jsQR(data, width, width)?.data).toBe(uri);
  }
});

test("the QR code keeps a 4-module quiet zone and is the same for the same URI", () => {
  const uri = "otpauth://totp/Crossnet:a?secret=JBSWY3DPEHPK3PXP&issuer=Crossnet";
  const qr = qrSvg(uri);
  expect(qr).toEqual(qrSvg(uri));
  const starts = [...qr.path.matchAll(/M(\d+) (\d+)h(\d+)/g)].map(([, x, y, n]) => [Number(x), Number(y), Number(n)]);
  expect(Math.min(...starts.map(([x]) => x ?? 0))).toBe(4);
  expect(Math.min(...starts.map(([, y]) => y ?? 0))).toBe(4);
  expect(Math.max(...starts.map(([x, , n]) => (x ?? 0) + (n ?? 0)))).toBe(qr.size - 4);
  expect(Math.max(...starts.map(([, y]) => y ?? 0))).toBe(qr.size - 5);
  expect(qrSvg(`${uri}x`).path).not.toBe(qr.path);
});
