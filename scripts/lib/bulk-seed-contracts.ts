/**
 * Loads many realistic concluded contracts fast, for the benchmark: per contract an application, the contract, its
 * signed 電子証書 版 1 and an encrypted + hashed 認証キー, and its chain at D-Sure (版 1, then the key: two signed
 * entries, as a conclusion registers them, and the surety's record of them, registered) — inserted in batches with `INSERT … SELECT FROM unnest(…)`
 * (one round trip per table per batch). Keys are random; the function returns a sample of (number, key) pairs.
 */
import crypto from "node:crypto";
import pg from "pg";
import { generateAuthKey } from "../../lib/auth-key/generate-auth-key";
import { encryptAuthKey } from "../../lib/auth-key/encrypt-auth-key";
import { hashAuthKey } from "../../lib/auth-key/hash-auth-key";
import { buildCertificateContent } from "../../lib/certificate/build-certificate-content";
import { signCertificateContent, keyIdOf } from "../../lib/certificate/signature";
import { formatContractNumber } from "../../lib/contract-number/format-contract-number";
import { canonicalizeJson, type JsonValue } from "../../lib/certificate/canonical-json";
import { CHAIN_ENTRY_FORMAT, chainEntryBytes, chainEntryHash, sealKey, type ChainEntryBody } from "../../lib/dsure/chain-format";

export interface BulkSeedOptions {
  url: string;
  count: number;
  /** sequences start after this (the fiscal year is fixed at 2023, apart from live conclusions) */
  startSequence?: number;
  privateKeyPem: string;
  encryptionKey: Buffer;
  hmacKey: Buffer;
  /** The issuer code the chains are registered under (SURETY_ISSUER_CODE of the instances; default nishi-nihon). */
  issuerCode?: string;
  sampleEvery?: number;
  onProgress?: (done: number) => void;
}

const WORKS = ["市道改良工事", "河川護岸工事", "小学校改築工事", "橋梁補修工事", "下水道管渠布設工事", "公園整備工事", "庁舎耐震補強設計業務"];

export async function bulkSeedContracts(o: BulkSeedOptions): Promise<{ samples: { contractNumber: string; authKey: string }[] }> {
  const client = new pg.Client({ connectionString: o.url });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query(sql)).rows[0];
    const company = await one(`SELECT c.id, c.name, c.address, c.representative, u.id AS "userId" FROM "Company" c JOIN "ContractorUser" u ON u."companyId" = c.id ORDER BY c."createdAt" LIMIT 1`);
    const dept = await one(`SELECT d.id, d.name, o.id AS "ordererId", o.name AS "ordererName" FROM "OrdererDepartment" d JOIN "Orderer" o ON o.id = d."ordererId" WHERE o.code = 'kagoshima-city' ORDER BY d.name LIMIT 1`);
    const approver = await one(`SELECT id FROM "StaffUser" WHERE role = 'APPROVER' LIMIT 1`);
    const publicKeyPem = crypto.createPublicKey(o.privateKeyPem).export({ type: "spki", format: "pem" }).toString();
    const keyId = keyIdOf(crypto.createPublicKey(o.privateKeyPem));
    await client.query(`INSERT INTO "SigningKey" ("keyId", "publicKeyPem") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [keyId, publicKeyPem]);
    const privateKey = crypto.createPrivateKey(o.privateKeyPem);
    const issuer = o.issuerCode ?? "nishi-nihon";

    const samples: { contractNumber: string; authKey: string }[] = [];
    const start = o.startSequence ?? 0;
    const batch = 2000;
    const concludedAt = new Date("2023-06-01T01:00:00Z");
    for (let done = 0; done < o.count; done += batch) {
      const n = Math.min(batch, o.count - done);
      const cols = {
        appId: [] as string[], contractId: [] as string[], number: [] as string[], seq: [] as number[], work: [] as string[],
        amount: [] as string[], gAmount: [] as string[], fee: [] as string[], content: [] as string[], hash: [] as string[],
        sig: [] as string[], cipher: [] as string[], keyHash: [] as string[],
        versionEntry: [] as string[], versionSig: [] as string[], keyEntry: [] as string[], keyPrev: [] as string[], keySig: [] as string[], versionSigned: [] as string[], keySigned: [] as string[], keyChainHash: [] as string[], keyOpening: [] as string[],
      };
      for (let i = 0; i < n; i++) {
        const seq = start + done + i + 1;
        const contractNumber = formatContractNumber({ fiscalYear: 2023, sequence: seq });
        const contractAmount = 10_000_000 + (seq % 500) * 1_000_000;
        const advance = Math.floor((contractAmount * 4) / 10);
        const fee = Math.floor(advance * 0.0008);
        const workName = `${WORKS[seq % WORKS.length]}（その${seq}）`;
        const content = buildCertificateContent({
          contractNumber,
          version: 1,
          guaranteeType: "ADVANCE_PAYMENT",
          suretyName: "西日本建設業保証株式会社",
          orderer: { name: dept.ordererName, departmentName: dept.name },
          contractor: { name: company.name, address: company.address, representative: company.representative },
          work: { name: workName, location: "鹿児島市内", contractAmount, contractDate: "2023-05-20", periodFrom: "2023-05-21", periodTo: "2024-03-15" },
          guarantee: { amount: advance, periodFrom: "2023-05-20", periodTo: "2024-03-15", fee },
          concludedAt,
          issuedAt: concludedAt,
        });
        const signed = signCertificateContent({ content, privateKeyPem: o.privateKeyPem });
        const key = generateAuthKey();
        if (o.sampleEvery && seq % o.sampleEvery === 0) samples.push({ contractNumber, authKey: key });
        cols.appId.push(crypto.randomUUID());
        cols.contractId.push(crypto.randomUUID());
        cols.number.push(contractNumber);
        cols.seq.push(seq);
        cols.work.push(workName);
        cols.amount.push(String(contractAmount));
        cols.gAmount.push(String(advance));
        cols.fee.push(String(fee));
        cols.content.push(canonicalizeJson(content));
        cols.hash.push(signed.contentHash);
        cols.sig.push(signed.signature);
        cols.cipher.push(encryptAuthKey(key, o.encryptionKey));
        cols.keyHash.push(hashAuthKey(key, o.hmacKey));
        const at = concludedAt.toISOString();
        const versionBody: ChainEntryBody = {
          format: CHAIN_ENTRY_FORMAT, issuer, contractNumber, seq: 1, kind: "VERSION", at, prev: null,
          data: { version: 1, content: content as unknown as JsonValue, contentHash: signed.contentHash, signature: { keyId, value: signed.signature }, changeSummary: null },
        };
        const sealed = sealKey({ key, contractNumber, reissue: false });
        const keyBody: ChainEntryBody = {
          format: CHAIN_ENTRY_FORMAT, issuer, contractNumber, seq: 2, kind: "KEY", at, prev: chainEntryHash(versionBody), data: sealed.data,
        };
        cols.keyOpening.push(JSON.stringify(sealed.opening));
        cols.versionEntry.push(canonicalizeJson(versionBody.data));
        cols.versionSig.push(crypto.sign(null, chainEntryBytes(versionBody), privateKey).toString("base64url"));
        cols.keyEntry.push(canonicalizeJson(keyBody.data));
        cols.keyPrev.push(keyBody.prev!);
        cols.keySig.push(crypto.sign(null, chainEntryBytes(keyBody), privateKey).toString("base64url"));
        // The surety's own record of the same two entries (its registration outbox, both registered).
        cols.versionSigned.push(JSON.stringify({ ...versionBody, keyId, signature: cols.versionSig.at(-1) }));
        cols.keySigned.push(JSON.stringify({ ...keyBody, keyId, signature: cols.keySig.at(-1), opening: sealed.opening }));
        cols.keyChainHash.push(chainEntryHash(keyBody));
      }
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO "GuaranteeApplication" (id, "companyId", "createdById", menu, status, "deliveryMethod", "ordererId", "departmentId",
           "workName", "workLocation", "workCategory", "bidDate", "contractDate", "periodFrom", "periodTo", "contractAmount", "advanceAmount",
           "submittedAt", "concludedAt", "approvedById", "updatedAt")
         SELECT a, $2::uuid, $3::uuid, 'ADVANCE', 'CONCLUDED', 'ELECTRONIC', $4::uuid, $5::uuid, w, '鹿児島市内', 'CONSTRUCTION',
           '2023-05-10', '2023-05-20', '2023-05-21', '2024-03-15', amt::bigint, g::bigint, $6, $6, $7::uuid, $6
         FROM unnest($1::uuid[], $8::text[], $9::text[], $10::text[]) AS t(a, w, amt, g)`,
        [cols.appId, company.id, company.userId, dept.ordererId, dept.id, concludedAt, approver.id, cols.work, cols.amount, cols.gAmount],
      );
      await client.query(
        `INSERT INTO "GuaranteeContract" (id, "contractNumber", "fiscalYear", sequence, "applicationId", "companyId", "guaranteeType",
           "deliveryMethod", "ordererId", "departmentId", "workName", "workLocation", "contractDate", "workPeriodFrom", "workPeriodTo",
           "contractAmount", "guaranteeAmount", "periodFrom", "periodTo", fee, "concludedAt", "approvedById", "updatedAt")
         SELECT c, n, 2023, s, a, $1::uuid, 'ADVANCE_PAYMENT', 'ELECTRONIC', $2::uuid, $3::uuid, w, '鹿児島市内', '2023-05-20', '2023-05-21',
           '2024-03-15', amt::bigint, g::bigint, '2023-05-20', '2024-03-15', f::bigint, $4, $5::uuid, $4
         FROM unnest($6::uuid[], $7::text[], $8::int[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[]) AS t(c, n, s, a, w, amt, g, f)`,
        [company.id, dept.ordererId, dept.id, concludedAt, approver.id, cols.contractId, cols.number, cols.seq, cols.appId, cols.work, cols.amount, cols.gAmount, cols.fee],
      );
      await client.query(
        `INSERT INTO "CertificateVersion" (id, "contractId", version, content, "contentHash", signature, "signingKeyId", "issuedAt")
         SELECT gen_random_uuid(), c, 1, j::jsonb, h, sg, $1, $2 FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(c, j, h, sg)`,
        [keyId, concludedAt, cols.contractId, cols.content, cols.hash, cols.sig],
      );
      await client.query(
        `INSERT INTO "AuthKey" (id, "contractId", ciphertext, "keyHash", "issuedAt")
         SELECT gen_random_uuid(), c, x, k, $1 FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(c, x, k)`,
        [concludedAt, cols.contractId, cols.cipher, cols.keyHash],
      );
      await client.query(
        `INSERT INTO "dsure"."DsureChainEntry" ("issuerCode", "contractNumber", seq, kind, at, "prevHash", data, "keyId", signature, "keyOpening")
         SELECT $1, n, 1, 'VERSION'::"dsure"."DsureEntryKind", $2::timestamptz, NULL::text, vd::jsonb, $3, vs, NULL::jsonb FROM unnest($4::text[], $5::text[], $6::text[]) AS t(n, vd, vs)
         UNION ALL
         SELECT $1, n, 2, 'KEY'::"dsure"."DsureEntryKind", $2::timestamptz, kp, kd::jsonb, $3, ks, ko::jsonb FROM unnest($4::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS t(n, kd, kp, ks, ko)`,
        [issuer, concludedAt, keyId, cols.number, cols.versionEntry, cols.versionSig, cols.keyEntry, cols.keyPrev, cols.keySig, cols.keyOpening],
      );
      await client.query(`INSERT INTO "dsure"."DsureCertificate" ("contractNumber", "issuerCode") SELECT n, $1 FROM unnest($2::text[]) AS t(n)`, [issuer, cols.number]);
      await client.query(
        `INSERT INTO "CertificateRegistration" (id, "contractId", "contractNumber", seq, kind, entry, hash, status, attempts, "registeredAt")
         SELECT gen_random_uuid(), c, n, 1, 'VERSION', ve::jsonb, vh, 'REGISTERED'::"CertificateRegistrationStatus", 1, $1::timestamptz FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(c, n, ve, vh)
         UNION ALL
         SELECT gen_random_uuid(), c, n, 2, 'KEY', ke::jsonb, kh, 'REGISTERED'::"CertificateRegistrationStatus", 1, $1::timestamptz FROM unnest($2::uuid[], $3::text[], $6::text[], $7::text[]) AS t(c, n, ke, kh)`,
        [concludedAt, cols.contractId, cols.number, cols.versionSigned, cols.keyPrev, cols.keySigned, cols.keyChainHash],
      );
      await client.query("COMMIT");
      o.onProgress?.(done + n);
    }
    return { samples };
  } finally {
    await client.end();
  }
}
