import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import type { ChangeKind, ChangeStatus, GuaranteeType } from "@/lib/generated/prisma/enums";

export type CompanyChangeRequest = {
  id: string;
  contractNumber: string;
  guaranteeType: GuaranteeType;
  workName: string;
  kind: ChangeKind;
  status: ChangeStatus;
  submittedAt: Date;
  approvedAt: Date | null;
  /** the 版 the approval issued */
  version: number | null;
};

/** The company's changes after conclusion (menu 5), newest first. */
export async function listCompanyChangeRequests({ companyId, db = appDb }: { companyId: string; db?: Db }): Promise<CompanyChangeRequest[]> {
  const rows = await db.changeRequest.findMany({
    where: { companyId },
    orderBy: [{ createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      kind: true,
      status: true,
      submittedAt: true,
      approvedAt: true,
      contract: { select: { contractNumber: true, guaranteeType: true, workName: true } },
      version: { select: { version: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    contractNumber: r.contract.contractNumber,
    guaranteeType: r.contract.guaranteeType,
    workName: r.contract.workName,
    kind: r.kind,
    status: r.status,
    submittedAt: r.submittedAt,
    approvedAt: r.approvedAt,
    version: r.version?.version ?? null,
  }));
}
