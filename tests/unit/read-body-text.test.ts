import { describe, expect, it } from "vitest";
import { readBodyText } from "@/lib/http/read-body-text";

function streamed(chunks: (string | Uint8Array)[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === "string" ? encoder.encode(c) : c);
      controller.close();
    },
  });
  return new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyText", () => {
  it("reads a body sent in one piece or in several, multi-byte characters split across pieces included", async () => {
    expect(await readBodyText(streamed(['{"a":"保証"}']), 4096)).toBe('{"a":"保証"}');
    const bytes = new TextEncoder().encode('{"a":"保証契約番号"}');
    expect(await readBodyText(streamed([bytes.slice(0, 8), bytes.slice(8, 9), bytes.slice(9)]), 4096)).toBe('{"a":"保証契約番号"}');
  });

  it("answers null as soon as the body passes the limit, counting bytes rather than characters", async () => {
    expect(await readBodyText(streamed(["x".repeat(4096)]), 4096)).toBe("x".repeat(4096));
    expect(await readBodyText(streamed(["x".repeat(4000), "y".repeat(97)]), 4096)).toBeNull();
    expect(await readBodyText(streamed(["保".repeat(1366)]), 4096)).toBeNull(); // 4,098 bytes in 1,366 characters
  });

  it("reads no body as empty, and invalid UTF-8 as U+FFFD like request.text()", async () => {
    expect(await readBodyText(new Request("http://localhost/x", { method: "POST" }), 10)).toBe("");
    expect(await readBodyText(streamed([new Uint8Array([0x7b, 0xff, 0x7d])]), 10)).toBe("{\uFFFD}");
  });
});
