/**
 * Warm render times and sizes of the PDFs:
 *   npx tsx --conditions=react-server scripts/pdf-bench.ts [renders=200]
 * (the condition makes `server-only` an empty module outside Next.js). The first render of each document, which
 * also reads and parses the fonts, is reported apart and left out of the statistics. "cpu" is this process's CPU time
 * per render, which a busy machine inflates much less than the wall-clock times.
 */
import { performance } from "node:perf_hooks";
import { renderAuthKeyNotice } from "@/lib/pdf/render-auth-key-notice";
import { renderFeeStatement, renderRefundStatement } from "@/lib/pdf/render-fee-statement";
import { sampleAuthKeyNotice, sampleFeeStatement, sampleRefundStatement } from "./pdf-sample-data";

const renders = Number(process.argv[2] ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function bench(name: string, render: () => Promise<Buffer>): Promise<void> {
  let start = performance.now();
  const first = await render();
  const firstMs = performance.now() - start;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let size = first.length;
  for (let i = 0; i < renders; i++) {
    start = performance.now();
    const cpuStart = process.cpuUsage();
    size = (await render()).length;
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  console.log(
    [
      `median ${percentile(times, 50).toFixed(2).padStart(6)} ms`,
      `p99 ${percentile(times, 99).toFixed(2).padStart(6)} ms`,
      `cpu median ${percentile(cpuTimes, 50).toFixed(2).padStart(6)} ms`,
      `first ${firstMs.toFixed(1).padStart(6)} ms`,
      `size ${(size / 1024).toFixed(1).padStart(5)} KB`,
      name,
    ].join("  "),
  );
}

async function main(): Promise<void> {
  console.log(`${renders} warm renders each, node ${process.version}`);
  await bench("認証キー等のお知らせ", () => renderAuthKeyNotice(sampleAuthKeyNotice));
  await bench("保証料計算書 (12 rows, 1 page)", () => renderFeeStatement(sampleFeeStatement(12)));
  await bench("保証料計算書 (70 rows, 4 pages)", () => renderFeeStatement(sampleFeeStatement(70)));
  await bench("保証料返還計算書", () => renderRefundStatement(sampleRefundStatement));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
