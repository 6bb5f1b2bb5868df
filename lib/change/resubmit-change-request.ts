import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { checkChangeValues } from "./check-change-values";
import { issuesToFieldErrors } from "./issues-to-field-errors";
import { loadChangeContext } from "./load-change-context";
import type { TChangeRequestInput } from "./schemas";
import type { SubmitChangeRequestResult } from "./submit-change-request";
import { changeValuesOf, toChangeRequestColumns } from "./to-change-values";

const ALREADY_SUBMITTED: readonly string[] = ["SUBMITTED", "REVIEWED", "APPROVED"];

/**
 * 再申込 after 差戻し: the contractor corrects a returned change (差戻し → 審査中). The kind stays what it was; the
 * values are checked again against the guarantee as it is now. A repeated click finds it submitted already.
 *
 * Throws NOT_FOUND (not this company's), INVALID_STATE (取下げ; the guarantee 解約・満了) and VALIDATION.
 */
export async function resubmitChangeRequest({
  companyId,
  userId,
  loginId,
  changeRequestId,
  input,
  now = new Date(),
}: {
  companyId: string;
  userId: string;
  loginId: string;
  changeRequestId: string;
  input: TChangeRequestInput;
  now?: Date;
}): Promise<SubmitChangeRequestResult> {
  return db.$transaction(async (tx) => {
    const cr = await tx.changeRequest.findFirst({
      where: { id: changeRequestId, companyId },
      select: { id: true, status: true, kind: true, contractId: true, returnReason: true },
    });
    if (!cr) throw new DomainError("NOT_FOUND", { changeRequestId });
    if (ALREADY_SUBMITTED.includes(cr.status)) return { outcome: "ALREADY_SUBMITTED", id: cr.id };
    if (cr.status !== "RETURNED") throw new DomainError("INVALID_STATE", { status: cr.status });
    if (input.kind !== cr.kind) throw new DomainError("VALIDATION", { fieldErrors: { kind: ["変更の種類は変えられません"] } });

    const loaded = await loadChangeContext({ companyId, contractId: cr.contractId, client: tx, now });
    if (!loaded) throw new DomainError("NOT_FOUND", { changeRequestId });
    if (loaded.lifecycleStatus !== "VALID") throw new DomainError("INVALID_STATE", { lifecycleStatus: loaded.lifecycleStatus });

    const columns = toChangeRequestColumns(input);
    const issues = checkChangeValues(loaded.context, changeValuesOf(columns), todayJst(now));
    if (issues.length > 0) throw new DomainError("VALIDATION", { fieldErrors: issuesToFieldErrors(issues) });

    const updated = await tx.changeRequest.updateMany({
      where: { id: cr.id, companyId, status: "RETURNED" },
      data: { ...columns, status: "SUBMITTED", submittedAt: now, reviewedById: null, reviewedAt: null },
    });
    if (updated.count === 0) return { outcome: "ALREADY_SUBMITTED", id: cr.id };
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: "change.resubmit",
      entityType: "ChangeRequest",
      entityId: cr.id,
      before: { status: "RETURNED", returnReason: cr.returnReason },
      after: { status: "SUBMITTED", ...columns },
    });
    return { outcome: "SUBMITTED", id: cr.id };
  });
}
