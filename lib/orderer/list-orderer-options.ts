import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import type { ElectronicDeliveryRuleInput } from "@/lib/orderer/check-eligibility";

/** What the application form needs of each orderer: its 担当課 and its 電子交付 rule (plain data for the browser). */
export interface OrdererOption {
  id: string;
  name: string;
  departments: { id: string; name: string }[];
  rule: ElectronicDeliveryRuleInput;
  keySubmissionNote: string | null;
}

export async function listOrdererOptions({ client = db }: { client?: Db | Tx } = {}): Promise<OrdererOption[]> {
  const orderers = await client.orderer.findMany({
    where: { active: true },
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      departments: { where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } },
      deliveryRule: {
        select: { acceptsElectronic: true, startDate: true, workCategories: true, guaranteeTypes: true, keySubmissionNote: true },
      },
    },
  });
  return orderers.map((o) => ({
    id: o.id,
    name: o.name,
    departments: o.departments,
    rule: o.deliveryRule
      ? {
          acceptsElectronic: o.deliveryRule.acceptsElectronic,
          startDate: o.deliveryRule.startDate ? toIsoDate(o.deliveryRule.startDate) : null,
          workCategories: o.deliveryRule.workCategories,
          guaranteeTypes: o.deliveryRule.guaranteeTypes,
        }
      : null,
    keySubmissionNote: o.deliveryRule?.keySubmissionNote ?? null,
  }));
}
