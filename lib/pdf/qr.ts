import "server-only";
import QRCode from "qrcode";
import type { Doc } from "./document";

/** Modules of white border the QR specification asks for around the symbol. */
const QUIET_ZONE = 4;

/**
 * Draws `text` as a QR code of `size` × `size` points (quiet zone included) with its top-left corner at (x, y).
 * The symbol is vector: each row's dark runs become rectangles of one path, filled once, so it stays sharp at any
 * zoom and adds only a few kilobytes.
 */
export function drawQrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = modules.size;
  const cell = size / (count + QUIET_ZONE * 2);
  const origin = { x: x + cell * QUIET_ZONE, y: y + cell * QUIET_ZONE };

  doc.save();
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      doc.rect(origin.x + start * cell, origin.y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fill("#000000");
  doc.restore();
}
