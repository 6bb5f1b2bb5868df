/**
 * A request body as UTF-8 text, read straight from its stream and refused past `maxBytes` (null) without reading on.
 * Cheaper than `request.text()` for the small bodies of an API (no intermediate copies), and a huge body is never
 * held in memory. Invalid UTF-8 becomes U+FFFD, as with `text()`.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength).toString("utf8");
  return Buffer.concat(chunks).toString("utf8");
}
