import { notFound } from "next/navigation";
import { readBodyText } from "@/lib/http/read-body-text";

/**
 * Benchmark baseline: a route handler returning fixed JSON (only with BENCH_ENDPOINTS=1; 404 otherwise). POST answers
 * the same, so the JSON look-up (a POST with a small JSON body) can be compared with a bare handler of its own method;
 * with `?read=1` it first reads the body the way the look-up does (how much the framework's body stream costs).
 */
export function GET() {
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  return Response.json({ status: "ok", service: "電子保証" });
}

export async function POST(request: Request) {
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  if (new URL(request.url).searchParams.get("read") === "1") await readBodyText(request, 4096);
  return Response.json({ status: "ok", service: "電子保証" });
}
