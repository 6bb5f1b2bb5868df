import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { getApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";

/**
 * Deletes one of the company's drafts (保存中). Anything submitted — including one returned (差戻し), which has a
 * history with the surety — stays: INVALID_STATE. Another company's id is NOT_FOUND.
 */
export async function deleteApplicationDraft({
  companyId,
  userId,
  loginId,
  applicationId,
}: {
  companyId: string;
  userId: string;
  loginId: string;
  applicationId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const application = await getApplicationForCompany({ companyId, applicationId, client: tx });
    if (application.status !== "DRAFT") throw new DomainError("INVALID_STATE", { status: application.status });
    // Conditional on the status, so a draft submitted in another tab a moment ago is not deleted.
    const { count } = await tx.guaranteeApplication.deleteMany({ where: { id: application.id, companyId, status: "DRAFT" } });
    if (count === 0) throw new DomainError("INVALID_STATE", {});
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: "application.delete_draft",
      entityType: "GuaranteeApplication",
      entityId: application.id,
      before: { menu: application.menu, workName: application.workName, status: application.status },
    });
  });
}
