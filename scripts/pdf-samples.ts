/**
 * Writes sample PDFs to look at: `npx tsx --conditions=react-server scripts/pdf-samples.ts [outDir]`
 * (the condition makes `server-only` an empty module outside Next.js).
 */
import fs from "node:fs";
import path from "node:path";
import { renderAuthKeyNotice } from "@/lib/pdf/render-auth-key-notice";
import { renderFeeStatement, renderRefundStatement } from "@/lib/pdf/render-fee-statement";
import { sampleAuthKeyNotice, sampleFeeStatement, sampleRefundStatement } from "./pdf-sample-data";

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? "/tmp/pdf-samples");
  fs.mkdirSync(outDir, { recursive: true });
  const files: [string, Buffer][] = [
    ["auth-key-notice.pdf", await renderAuthKeyNotice(sampleAuthKeyNotice)],
    ["fee-statement.pdf", await renderFeeStatement(sampleFeeStatement(12))],
    ["fee-statement-long.pdf", await renderFeeStatement(sampleFeeStatement(70))],
    ["refund-statement.pdf", await renderRefundStatement(sampleRefundStatement)],
  ];
  for (const [name, bytes] of files) {
    fs.writeFileSync(path.join(outDir, name), bytes);
    console.log(`${path.join(outDir, name)}  ${(bytes.length / 1024).toFixed(1)} KB`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
