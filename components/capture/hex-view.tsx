"use client";

import { hexRows } from "@/lib/views/packet-view";
import { useT } from "../i18n/locale-provider";

/** A packet's bytes: offset, hex and printable ASCII, 16 to a row. */
export function HexView({ hex }: { hex: string | undefined }) {
  const t = useT();
  const rows = hexRows(hex);
  return (
    <section aria-label={t("capture.hex")} data-testid="capture-hex">
      <p className="text-[11px] text-muted">{t("capture.hex")}</p>
      {rows.length === 0 ? (
        <p className="text-[11px] text-muted">{t("capture.noHex")}</p>
      ) : (
        <pre className="overflow-auto rounded border border-border bg-bg p-1.5 font-mono text-[11px] leading-4">
          {rows.map((row) => `${row.offset}  ${row.hex.join(" ").padEnd(47)}  ${row.ascii}`).join("\n")}
        </pre>
      )}
    </section>
  );
}
