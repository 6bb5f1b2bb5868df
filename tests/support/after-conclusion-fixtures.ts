/**
 * Test fixtures for changes after conclusion, 解約, key reissue and fee statements: guarantees concluded through
 * the REAL back-office functions (createSubmittedApplication → markReviewed → concludeContract), so versions, keys
 * and fees are exactly what production writes. Relative imports only: the e2e fixture runner loads this file too.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { concludeContract } from "../../lib/contract/conclude-contract";
import { decryptAuthKey } from "../../lib/auth-key/encrypt-auth-key";
import { authKeyKeys } from "../../lib/env";
import { createSubmittedApplication, ensureSeeded, markReviewed, staffUserId, type SubmittedApplicationOptions } from "./admin-fixtures";

export type ConcludedGuarantee = {
  applicationId: string;
  companyId: string;
  contracts: { id: string; contractNumber: string; guaranteeType: string }[];
  /** the 前払金保証 of the application */
  advance: { id: string; contractNumber: string };
};

/**
 * A 前払金保証 of 鹿児島市 concluded now (or at `now`): ¥100,000,000 contract, ¥40,000,000 advance (fee ¥32,000 from
 * the サンプル料率), optionally with 契約保証 ¥10,000,000; 工期 to 2030-03-29 so it is 有効 whatever the clock says.
 */
export async function concludeGuarantee(
  db: PrismaClient,
  o: SubmittedApplicationOptions & { now?: Date } = {},
): Promise<ConcludedGuarantee> {
  await ensureSeeded(db);
  const { now, ...options } = o;
  const app = await createSubmittedApplication(db, { periodTo: "2030-03-29", ...options });
  await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
  const result = await concludeContract({ applicationId: app.id, approverId: await staffUserId(db, "staff-shonin"), now });
  const advance = result.contracts.find((c) => c.guaranteeType === "ADVANCE_PAYMENT") ?? result.contracts[0]!;
  return { applicationId: app.id, companyId: app.companyId, contracts: result.contracts, advance };
}

/** The 認証キー in force of a contract, in plain text (what the contractor's PDF shows): for typing into D-Sure. */
export async function liveAuthKey(db: PrismaClient, contractId: string): Promise<string> {
  const key = await db.authKey.findFirstOrThrow({ where: { contractId, revokedAt: null }, orderBy: { issuedAt: "desc" } });
  return decryptAuthKey(key.ciphertext, authKeyKeys().encryptionKey);
}

/** The e-Net保証 login of a demo company, as the domain functions take it. */
export async function contractorOf(db: PrismaClient, customerId = "demo-kensetsu") {
  const u = await db.contractorUser.findUniqueOrThrow({ where: { customerId }, select: { id: true, companyId: true, customerId: true } });
  return { userId: u.id, companyId: u.companyId, loginId: u.customerId };
}
