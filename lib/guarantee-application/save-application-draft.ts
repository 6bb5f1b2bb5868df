import "server-only";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { ApplicationMenu } from "@/lib/guarantee-application/codes";
import { describeElectronicOption } from "@/lib/guarantee-application/describe-electronic-option";
import { hasFieldErrors } from "@/lib/guarantee-application/field-errors";
import { isUuid } from "@/lib/guarantee-application/is-uuid";
import { loadApplicationContext } from "@/lib/guarantee-application/load-application-context";
import { EDITABLE_STATUSES } from "@/lib/guarantee-application/menu-slugs";
import type { TApplicationDraft } from "@/lib/guarantee-application/schemas";

export interface SaveApplicationDraftResult {
  id: string;
  lockVersion: number;
  created: boolean;
}

const dateOrNull = (iso: string | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
const yenOrNull = (yen: number | undefined) => (yen === undefined ? null : BigInt(yen));

/**
 * 一時保存: creates the company's draft or updates one that is still editable (保存中 or 差戻し), even when incomplete.
 * `draft` is what `ZApplicationDraftSchema` gave. The server decides what the contractor cannot: for menus 2 and 3
 * the orderer is the base contract's, and for menu 3 the 前払金額 is the base 前払金保証's guarantee amount.
 *
 * Throws NOT_FOUND (no such application for this company), INVALID_STATE (already submitted), VALIDATION
 * (`details.fieldErrors`: a picked orderer, 担当課 or base contract that is not allowed) and
 * NOT_ELIGIBLE_FOR_ELECTRONIC (電子交付 chosen where the orderer's rule definitely refuses it).
 */
export async function saveApplicationDraft({
  companyId,
  userId,
  loginId,
  applicationId,
  draft,
}: {
  companyId: string;
  userId: string;
  loginId: string;
  applicationId?: string | null;
  draft: TApplicationDraft;
}): Promise<SaveApplicationDraftResult> {
  return db.$transaction(async (tx) => {
    let menu: ApplicationMenu = draft.menu;
    let before: Record<string, unknown> | null = null;
    if (applicationId) {
      const existing = isUuid(applicationId)
        ? await tx.guaranteeApplication.findFirst({ where: { id: applicationId, companyId } })
        : null;
      if (!existing) throw new DomainError("NOT_FOUND", { entity: "GuaranteeApplication" });
      if (!(EDITABLE_STATUSES as readonly string[]).includes(existing.status)) {
        throw new DomainError("INVALID_STATE", { status: existing.status });
      }
      menu = existing.menu; // a draft reopens in the menu it was started in
      before = existing;
    }

    const ctx = await loadApplicationContext({
      client: tx,
      companyId,
      menu,
      ordererId: draft.ordererId,
      departmentId: draft.departmentId,
      baseContractId: draft.baseContractId,
    });
    if (hasFieldErrors(ctx.fieldErrors)) throw new DomainError("VALIDATION", { fieldErrors: ctx.fieldErrors });

    const withContractGuarantee = menu === "ADVANCE" && draft.withContractGuarantee;
    if (draft.deliveryMethod === "ELECTRONIC") {
      const option = describeElectronicOption({
        menu,
        withContractGuarantee,
        ordererChosen: ctx.ordererId !== null,
        rule: ctx.rule,
        bidDate: draft.bidDate,
        workCategory: draft.workCategory,
      });
      if (option.state === "REFUSED") {
        throw new DomainError("NOT_ELIGIBLE_FOR_ELECTRONIC", { code: option.code, reason: option.message });
      }
    }

    const data = {
      withContractGuarantee,
      baseContractId: ctx.base?.id ?? null,
      deliveryMethod: draft.deliveryMethod ?? null,
      ordererId: ctx.ordererId,
      departmentId: ctx.departmentId,
      workName: draft.workName ?? null,
      workLocation: draft.workLocation ?? null,
      workCategory: draft.workCategory ?? null,
      bidDate: dateOrNull(draft.bidDate),
      contractDate: dateOrNull(draft.contractDate),
      periodFrom: dateOrNull(draft.periodFrom),
      periodTo: dateOrNull(draft.periodTo),
      contractAmount: yenOrNull(draft.contractAmount),
      advanceAmount: menu === "INTERMEDIATE" ? (ctx.base?.guaranteeAmount ?? null) : yenOrNull(draft.advanceAmount),
      intermediateAmount: menu === "INTERMEDIATE" ? yenOrNull(draft.intermediateAmount) : null,
      contractGuaranteeAmount: menu === "ADVANCE" ? yenOrNull(draft.contractGuaranteeAmount) : null,
      lowBidInvestigation: draft.lowBidInvestigation,
      notes: draft.notes ?? null,
    };

    let saved: { id: string; lockVersion: number };
    if (before) {
      const { count } = await tx.guaranteeApplication.updateMany({
        where: { id: applicationId!, companyId, status: { in: [...EDITABLE_STATUSES] } },
        data: { ...data, lockVersion: { increment: 1 } },
      });
      // Submitted by someone else of the company between the read and this write.
      if (count === 0) throw new DomainError("INVALID_STATE", {});
      saved = await tx.guaranteeApplication.findUniqueOrThrow({
        where: { id: applicationId! },
        select: { id: true, lockVersion: true },
      });
    } else {
      saved = await tx.guaranteeApplication.create({
        data: { ...data, companyId, createdById: userId, menu, status: "DRAFT" },
        select: { id: true, lockVersion: true },
      });
    }

    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: before ? "application.update_draft" : "application.create_draft",
      entityType: "GuaranteeApplication",
      entityId: saved.id,
      before: before ?? undefined,
      after: { menu, ...data },
    });
    return { id: saved.id, lockVersion: saved.lockVersion, created: !before };
  });
}
