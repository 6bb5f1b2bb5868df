import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { certificateStatusOf, type CertificateStatus } from "@/lib/certificate/certificate-status";
import { registrationStateOf } from "@/lib/certificate/registration-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One 保証契約 for /admin/contracts/[id]: the contract, every 版 (without content), the 認証キー rows (issue and
 * revocation times only — never ciphertext or hash), the submissions to the orderer, the changes, the fee statements
 * rows, the open tasks and the D-Sure registration entries (登録状況). Null for an unknown id.
 */
export async function getContractForStaff({ contractId, db = appDb, now = new Date() }: { contractId: string; db?: Db; now?: Date }) {
  if (!UUID.test(contractId)) return null;
  const c = await db.guaranteeContract.findUnique({
    where: { id: contractId },
    select: {
      id: true,
      contractNumber: true,
      guaranteeType: true,
      deliveryMethod: true,
      workName: true,
      workLocation: true,
      contractDate: true,
      workPeriodFrom: true,
      workPeriodTo: true,
      contractAmount: true,
      guaranteeAmount: true,
      periodFrom: true,
      periodTo: true,
      fee: true,
      status: true,
      currentVersion: true,
      concludedAt: true,
      cancelledAt: true,
      cancelDate: true,
      cancelReason: true,
      applicationId: true,
      company: { select: { id: true, name: true, address: true, lumpSumPayment: true } },
      orderer: { select: { name: true } },
      department: { select: { name: true, email: true } },
      rateTable: { select: { name: true } },
      approvedById: true,
      versions: {
        orderBy: { version: "asc" },
        select: { version: true, issuedAt: true, supersededAt: true, cancelledAt: true, changeSummary: true, signingKeyId: true, contentHash: true },
      },
      authKeys: {
        orderBy: { issuedAt: "desc" },
        select: { id: true, issuedAt: true, revokedAt: true, issuedByStaffId: true, issuedByUserId: true },
      },
      submissions: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: { id: true, createdAt: true, toAddress: true, subject: true, keyVersionId: true, department: { select: { name: true } } },
      },
      registrations: {
        orderBy: { seq: "asc" },
        select: { seq: true, kind: true, status: true, attempts: true, lastError: true, registeredAt: true, createdAt: true, nextAttemptAt: true },
      },
      changeRequests: {
        orderBy: { createdAt: "desc" },
        select: { id: true, kind: true, status: true, submittedAt: true, approvedAt: true, feeDifference: true },
      },
    },
  });
  if (!c) return null;
  const lifecycleStatus: CertificateStatus = certificateStatusOf({ contractStatus: c.status, periodTo: c.periodTo, now });
  const registration = registrationStateOf(c.registrations.filter((r) => r.status !== "REGISTERED"));
  return { ...c, lifecycleStatus, registration };
}

export type StaffContractDetail = NonNullable<Awaited<ReturnType<typeof getContractForStaff>>>;
