import { notFound } from "next/navigation";

/**
 * Benchmark baseline: a route handler returning fixed JSON (only with BENCH_ENDPOINTS=1; 404 otherwise). POST answers
 * the same, so the JSON look-up (a POST with a small JSON body) can be compared with a bare handler of its own method.
 */
export function GET() {
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  return Response.json({ status: "ok", service: "電子保証" });
}

export const POST = GET;
