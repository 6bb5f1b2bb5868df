import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { askDsure } from "./ask-dsure";
import { CERTIFICATE_CONTRACT_SELECT, toCertificateView, type CertificateView } from "./to-certificate-view";
import { REGISTRATION_STATE_SELECT, registrationStateOf, type RegistrationState } from "./registration-state";

/** 発注者の閲覧: when the certificate was first and last opened on D-Sure. */
export type ViewReceipt = { firstViewedAt: Date; lastViewedAt: Date } | null;

/** Asked of D-Sure (its access log is its own); "UNKNOWN" when D-Sure cannot answer now. */
async function viewReceiptOf(contractNumber: string): Promise<ViewReceipt | "UNKNOWN"> {
  const answer = await askDsure({ query: { kind: "views", contractNumbers: [contractNumber] } });
  if (!answer) return "UNKNOWN";
  const r = answer.receipts.find((x) => x.contractNumber === contractNumber);
  return r?.firstViewedAt && r.lastViewedAt ? { firstViewedAt: new Date(r.firstViewedAt), lastViewedAt: new Date(r.lastViewedAt) } : null;
}

export type ContractorCertificate = {
  view: CertificateView;
  ordererName: string;
  departmentName: string;
  /** 発注者の閲覧 on D-Sure (times only) as D-Sure answers; null when nobody has opened it yet, "UNKNOWN" when D-Sure cannot answer now. */
  receipt: ViewReceipt | "UNKNOWN";
  /** D-Sure 登録状況: until 登録済み, the orderer cannot view it. */
  registration: RegistrationState;
  /** When the 認証キー in force was issued; null if none is (e.g. revoked and not yet reissued). */
  authKeyIssuedAt: Date | null;
  /** How this orderer takes the key notice (from its delivery rule), if it says. */
  keySubmissionNote: string | null;
};

/**
 * One certificate of the contractor's company, for /enet/certificates/[contractNumber]. Another company's number,
 * a paper certificate and a number that does not exist all give null (the page answers 404 for each alike).
 */
export async function getContractorCertificate({
  companyId,
  contractNumber,
  db = appDb,
  now = new Date(),
}: {
  companyId: string;
  contractNumber: string;
  db?: Db;
  now?: Date;
}): Promise<ContractorCertificate | null> {
  const parsed = parseContractNumber(contractNumber.slice(0, 64));
  if (!parsed.ok) return null;
  const row = await db.guaranteeContract.findUnique({
    where: { contractNumber: parsed.value },
    select: {
      ...CERTIFICATE_CONTRACT_SELECT,
      orderer: { select: { name: true, deliveryRule: { select: { keySubmissionNote: true } } } },
      department: { select: { name: true } },
      authKeys: { where: { revokedAt: null }, orderBy: { issuedAt: "desc" }, take: 1, select: { issuedAt: true } },
      ...REGISTRATION_STATE_SELECT,
    },
  });
  if (!row || row.companyId !== companyId || row.deliveryMethod !== "ELECTRONIC") return null;
  const view = toCertificateView(row, now);
  if (!view) return null;
  return {
    view,
    ordererName: row.orderer.name,
    departmentName: row.department.name,
    receipt: await viewReceiptOf(row.contractNumber),
    registration: registrationStateOf(row.registrations),
    authKeyIssuedAt: row.authKeys[0]?.issuedAt ?? null,
    keySubmissionNote: row.orderer.deliveryRule?.keySubmissionNote ?? null,
  };
}
