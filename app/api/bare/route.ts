import { notFound } from "next/navigation";

/** Benchmark baseline: a route handler returning fixed JSON (only with BENCH_ENDPOINTS=1; 404 otherwise). */
export function GET() {
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  return Response.json({ status: "ok", service: "電子保証" });
}
