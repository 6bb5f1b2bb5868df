/**
 * Test fixture: a concluded guarantee with its 電子証書 (one or more signed 版) and a live 認証キー, written straight
 * with Prisma and the pure libraries (buildCertificateContent, signCertificateContent, encryptAuthKey, hashAuthKey),
 * then queued for D-Sure as existing certificates are (registerExistingCertificates) and delivered at once,
 * so D-Sure and the contractor's screens can be tested without going through the back office. Unlike the real
 * conclusion it hands back the plaintext key — that is what a test types into D-Sure.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { DsureDb } from "../../lib/dsure/db";
import type { ContractStatus, DeliveryMethod, GuaranteeType } from "../../lib/generated/prisma/enums";
import { authKeyKeys, suretySecret } from "../../lib/env";
import { buildCertificateContent } from "../../lib/certificate/build-certificate-content";
import type { JsonValue } from "../../lib/certificate/canonical-json";
import crypto from "node:crypto";
import { keyIdOf, signCertificateContent } from "../../lib/certificate/signature";
import { registerExistingCertificates } from "../../lib/certificate/register-existing-certificates";
import { drainCertificateRegistrations } from "../../lib/certificate/drain-certificate-registrations";
import { encryptAuthKey } from "../../lib/auth-key/encrypt-auth-key";
import { formatAuthKey } from "../../lib/auth-key/format-auth-key";
import { generateAuthKey } from "../../lib/auth-key/generate-auth-key";
import { hashAuthKey } from "../../lib/auth-key/hash-auth-key";
import { formatContractNumber } from "../../lib/contract-number/format-contract-number";
import { fiscalYearOf } from "../../lib/contract-number/fiscal-year-of";
import { seed } from "../../prisma/seed-lib";
import { decryptAuthKey } from "../../lib/auth-key/encrypt-auth-key";
import { todayJst } from "../../lib/dates";
import { concludeContract } from "../../lib/contract/conclude-contract";
import { createSubmittedApplication, markReviewed, staffUserId } from "./admin-fixtures";

export type SigningKeyPair = { privateKeyPem: string; publicKeyPem: string; keyId: string };

export type CertificateFixture = {
  contractId: string;
  contractNumber: string;
  companyId: string;
  /** The 認証キー as stored (16 characters). */
  authKey: string;
  /** ABCD-EFGH-JKMN-PQRS, as printed on the notice. */
  authKeyFormatted: string;
  signingKey: SigningKeyPair;
  workName: string;
};

/** The configured certificate signing key (CERT_SIGNING_PRIVATE_KEY), the one D-Sure's default issuer trusts. */
function configuredSigningKey(): SigningKeyPair {
  const privateKeyPem = suretySecret("CERT_SIGNING_PRIVATE_KEY");
  const publicKey = crypto.createPublicKey(crypto.createPrivateKey(privateKeyPem));
  return { privateKeyPem, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), keyId: keyIdOf(publicKey) };
}

const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function nextSequence(db: PrismaClient, fiscalYear: number): Promise<number> {
  const rows = await db.$queryRaw<{ lastValue: number }[]>`
    INSERT INTO "ContractNumberSequence" ("fiscalYear", "lastValue") VALUES (${fiscalYear}, 1)
    ON CONFLICT ("fiscalYear") DO UPDATE SET "lastValue" = "ContractNumberSequence"."lastValue" + 1
    RETURNING "lastValue"`;
  return rows[0]!.lastValue;
}

export async function createConcludedCertificate(
  db: PrismaClient,
  {
    customerId = "demo-kensetsu",
    guaranteeType = "ADVANCE_PAYMENT",
    deliveryMethod = "ELECTRONIC",
    versions = 1,
    status = "ACTIVE",
    guaranteePeriod = { from: "2024-12-10", to: "2099-03-31" },
    workName = "市道武岡線道路改良工事（その２工区）",
    signingKey,
    concludedAt = new Date("2024-12-05T01:30:00Z"),
  }: {
    customerId?: string;
    guaranteeType?: Exclude<GuaranteeType, "CONTRACT_RESERVATION">;
    deliveryMethod?: DeliveryMethod;
    /** How many 版 to issue (版 2+ are 増額 of ¥1,000,000 each). */
    versions?: number;
    status?: ContractStatus;
    guaranteePeriod?: { from: string; to: string };
    workName?: string;
    /** The key of the surety's own 版 signatures (CertificateVersion); the chain at D-Sure is always signed with the
     * configured key, as the real conclusion does. */
    signingKey?: SigningKeyPair;
    concludedAt?: Date;
  } = {},
): Promise<CertificateFixture> {
  let user = await db.contractorUser.findUnique({ where: { customerId }, select: { id: true, companyId: true } });
  if (!user) {
    await seed(db);
    user = await db.contractorUser.findUniqueOrThrow({ where: { customerId }, select: { id: true, companyId: true } });
  }
  const company = await db.company.findUniqueOrThrow({ where: { id: user.companyId } });
  const orderer = await db.orderer.findUniqueOrThrow({ where: { code: "kagoshima-city" } });
  const department = await db.ordererDepartment.findFirstOrThrow({ where: { ordererId: orderer.id, name: "建設局 道路部 道路建設課" } });
  const approver = await db.staffUser.findUniqueOrThrow({ where: { staffId: "staff-shonin" } });

  const key = signingKey ?? configuredSigningKey();
  await db.signingKey.upsert({
    where: { keyId: key.keyId },
    update: {},
    create: { keyId: key.keyId, algorithm: "Ed25519", publicKeyPem: key.publicKeyPem },
  });

  const fiscalYear = fiscalYearOf(concludedAt);
  const sequence = await nextSequence(db, fiscalYear);
  const contractNumber = formatContractNumber({ fiscalYear, sequence });
  const work = {
    location: "鹿児島市武岡一丁目地内",
    contractAmount: 123_400_000,
    contractDate: "2024-12-05",
    periodFrom: "2024-12-10",
    periodTo: guaranteePeriod.to,
  };
  const baseAmount = guaranteeType === "CONTRACT" ? 12_340_000 : guaranteeType === "INTERMEDIATE_ADVANCE" ? 24_680_000 : 49_360_000;
  const amountOf = (v: number) => baseAmount + (v - 1) * 1_000_000;
  const fee = 39_488;

  const application = await db.guaranteeApplication.create({
    data: {
      companyId: company.id,
      createdById: user.id,
      menu: guaranteeType === "INTERMEDIATE_ADVANCE" ? "INTERMEDIATE" : "ADVANCE",
      status: "CONCLUDED",
      withContractGuarantee: guaranteeType === "CONTRACT",
      deliveryMethod,
      ordererId: orderer.id,
      departmentId: department.id,
      workName,
      workLocation: work.location,
      workCategory: "CONSTRUCTION",
      bidDate: date("2024-12-02"),
      contractDate: date(work.contractDate),
      periodFrom: date(work.periodFrom),
      periodTo: date(work.periodTo),
      contractAmount: BigInt(work.contractAmount),
      submittedAt: concludedAt,
      concludedAt,
      approvedById: approver.id,
    },
  });

  const contract = await db.guaranteeContract.create({
    data: {
      contractNumber,
      fiscalYear,
      sequence,
      applicationId: application.id,
      companyId: company.id,
      guaranteeType,
      deliveryMethod,
      ordererId: orderer.id,
      departmentId: department.id,
      workName,
      workLocation: work.location,
      contractDate: date(work.contractDate),
      workPeriodFrom: date(work.periodFrom),
      workPeriodTo: date(work.periodTo),
      contractAmount: BigInt(work.contractAmount),
      guaranteeAmount: BigInt(amountOf(versions)),
      periodFrom: date(guaranteePeriod.from),
      periodTo: date(guaranteePeriod.to),
      fee: BigInt(fee),
      status,
      currentVersion: versions,
      concludedAt,
      approvedById: approver.id,
      ...(status === "CANCELLED" ? { cancelledAt: new Date(), cancelDate: date("2025-01-15"), cancelReason: "工事の中止" } : {}),
    },
  });

  for (let v = 1; v <= versions; v++) {
    const issuedAt = new Date(concludedAt.getTime() + (v - 1) * 86_400_000 * 7);
    const changeSummary = v === 1 ? null : `増額（保証金額を${(amountOf(v - 1)).toLocaleString("ja-JP")}円から${amountOf(v).toLocaleString("ja-JP")}円に変更）`;
    const content = buildCertificateContent({
      contractNumber,
      version: v,
      guaranteeType,
      suretyName: "西日本建設業保証株式会社",
      orderer: { name: orderer.name, departmentName: department.name },
      contractor: { name: company.name, address: company.address, representative: company.representative },
      work: { name: workName, ...work },
      guarantee: { amount: amountOf(v), periodFrom: guaranteePeriod.from, periodTo: guaranteePeriod.to, fee },
      concludedAt,
      issuedAt,
      changeSummary,
    });
    const signed = signCertificateContent({ content: content as unknown as JsonValue, privateKeyPem: key.privateKeyPem, keyId: key.keyId });
    await db.certificateVersion.create({
      data: {
        contractId: contract.id,
        version: v,
        content: content as unknown as object,
        contentHash: signed.contentHash,
        signature: signed.signature,
        signingKeyId: signed.keyId,
        changeSummary,
        issuedAt,
        supersededAt: v < versions ? new Date(issuedAt.getTime() + 86_400_000 * 7) : null,
      },
    });
  }

  const { encryptionKey, hmacKey } = authKeyKeys();
  const authKey = generateAuthKey();
  if (deliveryMethod === "ELECTRONIC") {
    await db.authKey.create({
      data: {
        contractId: contract.id,
        ciphertext: encryptAuthKey(authKey, encryptionKey),
        keyHash: hashAuthKey(authKey, hmacKey),
        issuedAt: concludedAt,
        issuedByStaffId: approver.id,
      },
    });
  }

  // What the real conclusion queues in its transaction, delivered to D-Sure at once (the app's dispatcher would).
  if (deliveryMethod === "ELECTRONIC") {
    await registerExistingCertificates({ db, contractIds: [contract.id] });
    await drainCertificateRegistrations({ db });
  }

  return {
    contractId: contract.id,
    contractNumber,
    companyId: company.id,
    authKey,
    authKeyFormatted: formatAuthKey(authKey),
    signingKey: key,
    workName,
  };
}

/**
 * Alters a 版 in D-Sure's record of the certificate (its VERSION entry in the chain) behind the signature's back, as
 * someone with write access to the database could.
 */
export async function tamperWithCertificate(
  db: DsureDb,
  { contractNumber, version = 1, change }: { contractNumber: string; version?: number; change: (content: Record<string, unknown>) => void },
): Promise<void> {
  const rows = await db.dsureChainEntry.findMany({ where: { contractNumber, kind: "VERSION" } });
  const row = rows.find((r) => (r.data as { version: number }).version === version);
  if (!row) throw new Error(`no 版 ${version} of ${contractNumber} at D-Sure`);
  const data = structuredClone(row.data) as { content: Record<string, unknown> };
  change(data.content);
  await db.dsureChainEntry.update({ where: { id: row.id }, data: { data: data as object } });
}

export type ConcludedGuarantee = {
  applicationId: string;
  contracts: { contractId: string; contractNumber: string; guaranteeType: GuaranteeType; authKey: string; authKeyFormatted: string }[];
};

/**
 * The real path: a 鹿児島市 application for 電子交付, reviewed by staff-tanto and concluded by staff-shonin through
 * concludeContract (numbers, 版 1, 認証キー, mail and audit rows in one transaction). Uses the app's `db` (DATABASE_URL),
 * which is what concludeContract writes to. The keys are read back by decrypting the stored ciphertext.
 */
export async function concludeElectronicGuarantee(
  db: PrismaClient,
  {
    customerId = "demo-kensetsu",
    withContractGuarantee = true,
    workName,
    deliver = true,
  }: {
    customerId?: string;
    withContractGuarantee?: boolean;
    workName?: string;
    /** Deliver the registrations at once (false: leave them to the app's dispatcher, as a real conclusion does). */
    deliver?: boolean;
  } = {},
): Promise<ConcludedGuarantee> {
  // Dates relative to today, so the guarantee is 有効 whenever the test runs.
  const year = Number(todayJst().slice(0, 4));
  const app = await createSubmittedApplication(db, {
    customerId,
    withContractGuarantee,
    workName: workName ?? "市道武岡線道路改良工事（電子保証テスト）",
    bidDate: `${year - 1}-12-02`,
    contractDate: `${year - 1}-12-10`,
    periodFrom: `${year - 1}-12-11`,
    periodTo: `${year + 2}-03-19`,
  });
  await markReviewed(db, { applicationId: app.id, reviewerId: await staffUserId(db, "staff-tanto") });
  const result = await concludeContract({ applicationId: app.id, approverId: await staffUserId(db, "staff-shonin") });
  if (deliver) await drainCertificateRegistrations({ db }); // what the app's registration dispatcher does within moments
  const { encryptionKey } = authKeyKeys();
  const contracts = [];
  for (const c of result.contracts) {
    const key = await db.authKey.findFirstOrThrow({ where: { contractId: c.id, revokedAt: null }, select: { ciphertext: true } });
    const authKey = decryptAuthKey(key.ciphertext, encryptionKey);
    contracts.push({ contractId: c.id, contractNumber: c.contractNumber, guaranteeType: c.guaranteeType, authKey, authKeyFormatted: formatAuthKey(authKey) });
  }
  return { applicationId: result.applicationId, contracts };
}
