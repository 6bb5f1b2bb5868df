import "server-only";
import type { Db, Tx } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import type { ApplicationMenu } from "@/lib/guarantee-application/codes";
import { addFieldError, type FieldErrors } from "@/lib/guarantee-application/field-errors";
import { FIELD_LABELS } from "@/lib/guarantee-application/labels";
import { listBaseContracts, type BaseContract } from "@/lib/guarantee-application/list-base-contracts";
import { BASE_GUARANTEE_TYPE } from "@/lib/guarantee-application/menu-slugs";
import type { ElectronicDeliveryRuleInput } from "@/lib/orderer/check-eligibility";

export interface ApplicationContext {
  /** Problems with the picked 発注者・担当課・対象の保証契約, per field. */
  fieldErrors: FieldErrors;
  /** Menus 2 and 3: the company's guarantee the application builds on (validated), else null. */
  base: BaseContract | null;
  /** The orderer the application is for: the base contract's for menus 2 and 3, whatever the form said. */
  ordererId: string | null;
  departmentId: string | null;
  /** That orderer's 電子交付 rule (null when it has none: paper only). */
  rule: ElectronicDeliveryRuleInput;
}

/**
 * Checks what an application points at, against the database and the company: the base contract must be this
 * company's, ACTIVE and of the type the menu needs; the orderer must be active; the 担当課 must belong to it.
 * Unknown ids and other companies' ids get the same message (nothing about other companies leaks).
 */
export async function loadApplicationContext({
  client,
  companyId,
  menu,
  ordererId,
  departmentId,
  baseContractId,
}: {
  client: Db | Tx;
  companyId: string;
  menu: ApplicationMenu;
  ordererId?: string | null;
  departmentId?: string | null;
  baseContractId?: string | null;
}): Promise<ApplicationContext> {
  const fieldErrors: FieldErrors = {};
  let base: BaseContract | null = null;
  let effectiveOrdererId = ordererId ?? null;

  if (BASE_GUARANTEE_TYPE[menu]) {
    if (!baseContractId) {
      addFieldError(fieldErrors, "baseContractId", `${FIELD_LABELS.baseContractId}を選択してください`);
    } else {
      [base = null] = await listBaseContracts({ client, companyId, menu, contractId: baseContractId });
      if (!base) addFieldError(fieldErrors, "baseContractId", `${FIELD_LABELS.baseContractId}の選択が正しくありません`);
    }
    // The 工事 is the base contract's, so is its orderer.
    effectiveOrdererId = base?.ordererId ?? null;
  }

  let rule: ElectronicDeliveryRuleInput = null;
  if (effectiveOrdererId) {
    const orderer = await client.orderer.findFirst({
      where: { id: effectiveOrdererId, active: true },
      select: {
        id: true,
        deliveryRule: { select: { acceptsElectronic: true, startDate: true, workCategories: true, guaranteeTypes: true } },
      },
    });
    if (!orderer) {
      addFieldError(fieldErrors, "ordererId", `${FIELD_LABELS.ordererId}の選択が正しくありません`);
      effectiveOrdererId = null;
    } else if (orderer.deliveryRule) {
      const r = orderer.deliveryRule;
      rule = {
        acceptsElectronic: r.acceptsElectronic,
        startDate: r.startDate ? toIsoDate(r.startDate) : null,
        workCategories: r.workCategories,
        guaranteeTypes: r.guaranteeTypes,
      };
    }
  }

  // With no valid base contract there is no orderer to check the 担当課 against; the base's message says enough.
  const baseMissing = BASE_GUARANTEE_TYPE[menu] !== undefined && !base;
  if (departmentId && !baseMissing) {
    const department = effectiveOrdererId
      ? await client.ordererDepartment.findFirst({
          where: { id: departmentId, ordererId: effectiveOrdererId, active: true },
          select: { id: true },
        })
      : null;
    if (!department) {
      addFieldError(
        fieldErrors,
        "departmentId",
        effectiveOrdererId ? `${FIELD_LABELS.departmentId}の選択が正しくありません` : "発注者を選択してから担当課を選択してください",
      );
    }
  }

  return { fieldErrors, base, ordererId: effectiveOrdererId, departmentId: departmentId ?? null, rule };
}
