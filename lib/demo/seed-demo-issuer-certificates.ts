/**
 * The demo second surety's certificates at D-Sure (development only): what 東日本建設業保証 would do on its own side —
 * build and sign a 電子証書, issue a 認証キー, and register the two chain entries at D-Sure with ITS key through the
 * registration interface (in-process, or to DSURE_URL). Nothing of our surety's tables is read or written: D-Sure
 * then shows certificates of two sureties. Reproducible (the key and every signed byte derive from AUTH_KEY_SECRET and
 * the fiscal year), so running it again registers nothing new. Writes the issuer's 「認証キー等のお知らせ」 under
 * .data/demo/ for a person to try.
 *
 * Relative imports: the seed runs outside Next.js (tsx with --conditions=react-server).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generateAuthKey } from "../auth-key/generate-auth-key";
import { formatAuthKey } from "../auth-key/format-auth-key";
import { buildCertificateContent } from "../certificate/build-certificate-content";
import type { JsonValue } from "../certificate/canonical-json";
import { keyIdOf, signCertificateContent } from "../certificate/signature";
import { createRegistrationClient } from "../certificate/create-registration-client";
import { fiscalYearOf } from "../contract-number/fiscal-year-of";
import { formatContractNumber } from "../contract-number/format-contract-number";
import { formatWareki } from "../dates";
import { CHAIN_ENTRY_FORMAT, chainEntryBytes, chainEntryHash, sealKey, signRegistrationRequest, type ChainEntryBody, type SignedChainEntry } from "../dsure/registration";
import { env, suretySecret } from "../env";
import { formatYen } from "../money";
import { dsureUrlsFor } from "../pdf/get-auth-key-notice";
import { renderAuthKeyNotice } from "../pdf/render-auth-key-notice";
import { DEMO_ISSUER, DEMO_ISSUER_FIRST_SEQUENCE, demoIssuerKeySalt, demoIssuerPrivateKeyPem } from "./demo-issuer";

export type DemoIssuerCertificate = { contractNumber: string; authKey: string; issuerName: string; noticePath: string | null };

export async function seedDemoIssuerCertificates({ now = new Date() }: { now?: Date } = {}): Promise<DemoIssuerCertificate[]> {
  const e = env();
  const secret = suretySecret("AUTH_KEY_SECRET");
  const privateKeyPem = demoIssuerPrivateKeyPem(secret);
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  const keyId = keyIdOf(crypto.createPublicKey(privateKey));
  const fiscalYear = fiscalYearOf(now);
  const contractNumber = formatContractNumber({ fiscalYear, sequence: DEMO_ISSUER_FIRST_SEQUENCE });
  const concludedAt = new Date(`${fiscalYear}-04-21T01:00:00.000Z`);
  const workName = "【デモ・東日本】市道谷山線舗装補修工事";
  const guaranteeAmount = 12_000_000;
  const content = buildCertificateContent({
    contractNumber,
    version: 1,
    guaranteeType: "ADVANCE_PAYMENT",
    suretyName: DEMO_ISSUER.name,
    orderer: { name: "鹿児島市", departmentName: "建設局 道路部 道路維持課" },
    contractor: { name: "株式会社デモ東日本建設", address: "鹿児島県鹿児島市谷山中央1丁目1番1号", representative: "代表取締役 東日本 太郎" },
    work: { name: workName, location: "鹿児島市谷山中央", contractAmount: 30_000_000, contractDate: `${fiscalYear}-04-15`, periodFrom: `${fiscalYear}-04-16`, periodTo: `${fiscalYear + 1}-03-20` },
    guarantee: { amount: guaranteeAmount, periodFrom: `${fiscalYear}-04-15`, periodTo: `${fiscalYear + 1}-03-20`, fee: 12_000 },
    concludedAt,
    issuedAt: concludedAt,
  });
  const signed = signCertificateContent({ content: content as unknown as JsonValue, privateKeyPem, keyId });
  const keyBytes = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "base64"), Buffer.alloc(0), `demo-issuer/auth-key/${contractNumber}`, 10));
  const authKey = generateAuthKey({ bytes: keyBytes });

  const at = concludedAt.toISOString();
  const version: ChainEntryBody = {
    format: CHAIN_ENTRY_FORMAT,
    issuer: DEMO_ISSUER.code,
    contractNumber,
    seq: 1,
    kind: "VERSION",
    at,
    prev: null,
    data: { version: 1, content: content as unknown as JsonValue, contentHash: signed.contentHash, signature: { keyId, value: signed.signature }, changeSummary: null },
  };
  const sealed = sealKey({ key: authKey, contractNumber, reissue: false, salt: demoIssuerKeySalt(secret, contractNumber) });
  const key: ChainEntryBody = {
    format: CHAIN_ENTRY_FORMAT,
    issuer: DEMO_ISSUER.code,
    contractNumber,
    seq: 2,
    kind: "KEY",
    at,
    prev: chainEntryHash(version),
    data: sealed.data,
  };
  const entries: SignedChainEntry[] = [version, key].map((b) => ({
    ...b,
    keyId,
    signature: crypto.sign(null, chainEntryBytes(b), privateKey).toString("base64url"),
    ...(b.kind === "KEY" ? { opening: sealed.opening } : {}),
  }));
  const client = createRegistrationClient({ url: e.DSURE_URL });
  const answer = await client
    .send(signRegistrationRequest({ issuer: DEMO_ISSUER.code, privateKeyPem, keyId, entries, now }))
    .finally(() => client.close());
  if (!answer.ok) throw new Error(`デモの東日本建設業保証の電子証書を D-Sure に登録できません: ${answer.reason}`);

  const notice = await renderAuthKeyNotice({
    companyName: "株式会社デモ東日本建設",
    issuedOn: formatWareki(concludedAt),
    issuedAt: concludedAt,
    contractNumber,
    authKey: formatAuthKey(authKey),
    ordererName: "鹿児島市",
    departmentName: "建設局 道路部 道路維持課",
    workName,
    guaranteeTypeLabel: "前払金保証",
    guaranteeAmount: formatYen(guaranteeAmount),
    version: 1,
    ...dsureUrlsFor(contractNumber),
    submissionNote: "本書（認証キー等のお知らせ）を発注者へご提出ください。（開発用のデモデータです）",
    suretyName: DEMO_ISSUER.name,
  });
  let noticePath: string | null = path.join(process.cwd(), ".data", "demo", `認証キー等のお知らせ_${contractNumber}.pdf`);
  try {
    fs.mkdirSync(path.dirname(noticePath), { recursive: true });
    fs.writeFileSync(noticePath, notice);
  } catch {
    noticePath = null;
  }
  return [{ contractNumber, authKey: formatAuthKey(authKey), issuerName: DEMO_ISSUER.name, noticePath }];
}
