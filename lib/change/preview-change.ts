import "server-only";
import { db as appDb, type Db } from "@/lib/db";
import { todayJst } from "@/lib/dates";
import { loadRateTables, type LoadedRateTable } from "@/lib/rate-table/load-rate-tables";
import { checkChangeValues } from "./check-change-values";
import { loadChangeContext } from "./load-change-context";
import { contractStateOf, planChange, type ChangePlan } from "./plan-change";
import { changeValuesOf, requestedChangeOf } from "./to-change-values";

export type ChangePreview = {
  plan: ChangePlan<LoadedRateTable>;
  /** rule problems against the guarantee as it is now (the reviewer should return such a change) */
  problems: string[];
  planDate: string;
};

/** What approving a change today would do, for the staff screens (the approval recomputes it in its transaction). */
export async function previewChange({
  changeRequestId,
  db = appDb,
  now = new Date(),
}: {
  changeRequestId: string;
  db?: Db;
  now?: Date;
}): Promise<ChangePreview | null> {
  const cr = await db.changeRequest.findUnique({
    where: { id: changeRequestId },
    select: {
      companyId: true,
      contractId: true,
      kind: true,
      newContractAmount: true,
      newGuaranteeAmount: true,
      newPeriodTo: true,
      newCompanyName: true,
      newAddress: true,
      changeContractDate: true,
    },
  });
  if (!cr) return null;
  const loaded = await loadChangeContext({ companyId: cr.companyId, contractId: cr.contractId, client: db, now });
  if (!loaded) return null;
  const planDate = todayJst(now);
  const problems = checkChangeValues(loaded.context, changeValuesOf(cr), planDate).map((i) => i.message);
  if (loaded.lifecycleStatus === "CANCELLED") problems.unshift("この保証は解約されています");
  const plan = planChange({ contract: contractStateOf(loaded.context), request: requestedChangeOf(cr), rateTables: await loadRateTables(), onDate: planDate });
  return { plan, problems, planDate };
}
