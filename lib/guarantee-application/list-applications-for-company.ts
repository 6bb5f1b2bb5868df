import "server-only";
import { db } from "@/lib/db";

/** 保存中・手続き中一覧: the company's applications (every user of the company sees all of them), newest first. */
export async function listApplicationsForCompany({ companyId }: { companyId: string }) {
  return db.guaranteeApplication.findMany({
    where: { companyId },
    orderBy: [{ updatedAt: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      menu: true,
      status: true,
      withContractGuarantee: true,
      workName: true,
      submittedAt: true,
      createdAt: true,
      updatedAt: true,
      orderer: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
}

export type ApplicationListItem = Awaited<ReturnType<typeof listApplicationsForCompany>>[number];
