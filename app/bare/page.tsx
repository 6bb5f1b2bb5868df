import { notFound } from "next/navigation";

/** Benchmark baseline: a server-rendered page with no data access (only with BENCH_ENDPOINTS=1; 404 otherwise). */
export default function BarePage() {
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  return (
    <main className="page">
      <h1>電子保証</h1>
      <p>ベンチマーク用の基準ページです。</p>
    </main>
  );
}
