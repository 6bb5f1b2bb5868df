import "server-only";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/audit/write-audit";
import { todayJst } from "@/lib/dates";
import { DomainError } from "@/lib/errors";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { checkChangeValues } from "./check-change-values";
import { issuesToFieldErrors } from "./issues-to-field-errors";
import { loadChangeContext } from "./load-change-context";
import type { TChangeRequestInput } from "./schemas";
import { changeValuesOf, toChangeRequestColumns } from "./to-change-values";

export type SubmitChangeRequestResult = { outcome: "SUBMITTED" | "ALREADY_SUBMITTED"; id: string };

/**
 * 保証契約締結後の変更 — the contractor asks for a change of one of the company's guarantees (→ 審査中). The guarantee
 * must be 有効 (not 解約, not past its 保証期間) and have no other change in hand; the values are checked again here
 * against the guarantee as it is now. The form's token makes a double click submit once.
 *
 * Throws NOT_FOUND (no such number, or another company's — alike), INVALID_STATE (解約 / 満了), CONFLICT (another
 * change in hand; `details.pendingChangeId`) and VALIDATION (`details.fieldErrors`).
 */
export async function submitChangeRequest({
  companyId,
  userId,
  loginId,
  contractNumber,
  input,
  now = new Date(),
}: {
  companyId: string;
  userId: string;
  loginId: string;
  contractNumber: string;
  input: TChangeRequestInput;
  now?: Date;
}): Promise<SubmitChangeRequestResult> {
  const parsed = parseContractNumber(contractNumber.slice(0, 64));
  if (!parsed.ok) throw new DomainError("NOT_FOUND", { contractNumber });
  return db.$transaction(async (tx) => {
    // Row lock on the guarantee: concurrent submissions for it (a double click, two tabs) are served one at a time.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "GuaranteeContract" WHERE "contractNumber" = ${parsed.value} AND "companyId" = ${companyId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new DomainError("NOT_FOUND", { contractNumber });

    if (input.requestToken) {
      const existing = await tx.changeRequest.findUnique({ where: { requestToken: input.requestToken }, select: { id: true, companyId: true } });
      if (existing) {
        if (existing.companyId !== companyId) throw new DomainError("CONFLICT", { requestToken: "reused" });
        return { outcome: "ALREADY_SUBMITTED", id: existing.id };
      }
    }

    const loaded = await loadChangeContext({ companyId, contractId: locked[0]!.id, client: tx, now });
    if (!loaded) throw new DomainError("NOT_FOUND", { contractNumber });
    if (loaded.lifecycleStatus !== "VALID") throw new DomainError("INVALID_STATE", { lifecycleStatus: loaded.lifecycleStatus });
    if (loaded.pendingChangeId) throw new DomainError("CONFLICT", { pendingChangeId: loaded.pendingChangeId });

    const columns = toChangeRequestColumns(input);
    const issues = checkChangeValues(loaded.context, changeValuesOf(columns), todayJst(now));
    if (issues.length > 0) throw new DomainError("VALIDATION", { fieldErrors: issuesToFieldErrors(issues) });

    const row = await tx.changeRequest.create({
      data: {
        contractId: loaded.context.contractId,
        companyId,
        createdById: userId,
        status: "SUBMITTED",
        ...columns,
        requestToken: input.requestToken,
        submittedAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorType: "CONTRACTOR",
      actorId: userId,
      actorLabel: loginId,
      action: "change.submit",
      entityType: "ChangeRequest",
      entityId: row.id,
      before: null,
      after: { contractNumber: loaded.context.contractNumber, status: "SUBMITTED", ...columns },
    });
    return { outcome: "SUBMITTED", id: row.id };
  });
}
