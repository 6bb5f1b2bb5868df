import "server-only";
import type { DsureDb, DsureTx } from "./db";

/** Which of these 保証契約番号 have a chain at D-Sure (of `issuerCode`, or of any issuer when it is not given). */
export async function findRegisteredCertificates(
  db: DsureDb | DsureTx,
  { contractNumbers, issuerCode }: { contractNumbers: string[]; issuerCode?: string },
): Promise<Set<string>> {
  if (contractNumbers.length === 0) return new Set();
  const rows = await db.dsureChainEntry.findMany({
    where: { contractNumber: { in: contractNumbers }, seq: 1, ...(issuerCode === undefined ? {} : { issuerCode }) },
    select: { contractNumber: true },
  });
  return new Set(rows.map((r) => r.contractNumber));
}
