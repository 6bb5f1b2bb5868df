import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/guarantee-application/is-uuid";

const SELECT = {
  id: true,
  companyId: true,
  menu: true,
  status: true,
  withContractGuarantee: true,
  baseContractId: true,
  deliveryMethod: true,
  ordererId: true,
  departmentId: true,
  workName: true,
  workLocation: true,
  workCategory: true,
  bidDate: true,
  contractDate: true,
  periodFrom: true,
  periodTo: true,
  contractAmount: true,
  advanceAmount: true,
  intermediateAmount: true,
  contractGuaranteeAmount: true,
  lowBidInvestigation: true,
  notes: true,
  returnReason: true,
  submittedAt: true,
  concludedAt: true,
  lockVersion: true,
  createdAt: true,
  updatedAt: true,
  orderer: { select: { id: true, name: true } },
  department: { select: { id: true, name: true } },
  baseContract: { select: { id: true, contractNumber: true, guaranteeType: true, workName: true } },
  createdBy: { select: { name: true, customerId: true } },
  events: { orderBy: { createdAt: "asc" }, select: { type: true, note: true, createdAt: true } },
  contracts: { orderBy: { guaranteeType: "asc" }, select: { id: true, contractNumber: true, guaranteeType: true } },
} as const;

export type ApplicationForCompany = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

function findApplication(client: Db | Tx, companyId: string, applicationId: string) {
  return client.guaranteeApplication.findFirst({ where: { id: applicationId, companyId }, select: SELECT });
}

/**
 * One application of the company. Another company's id, a deleted one and a malformed one are all the same
 * NOT_FOUND, so a page answers them with the same 404.
 */
export async function getApplicationForCompany({
  companyId,
  applicationId,
  client = db,
}: {
  companyId: string;
  applicationId: string;
  client?: Db | Tx;
}): Promise<ApplicationForCompany> {
  const application = isUuid(applicationId) ? await findApplication(client, companyId, applicationId.toLowerCase()) : null;
  if (!application) throw new DomainError("NOT_FOUND", { entity: "GuaranteeApplication" });
  return application;
}
