import "server-only";
import { todayJst } from "@/lib/dates";
import { db, type Db, type Tx } from "@/lib/db";
import { parseDateInput } from "@/lib/normalize";
import { addFieldError, hasFieldErrors, mergeFieldErrors, type FieldErrors } from "@/lib/guarantee-application/field-errors";
import { getApplicationForCompany, type ApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";
import { guaranteeKindsFor } from "@/lib/guarantee-application/guarantee-kinds-for";
import type { BaseContract } from "@/lib/guarantee-application/list-base-contracts";
import { loadApplicationContext } from "@/lib/guarantee-application/load-application-context";
import { checkPeriodNotEnded } from "@/lib/guarantee-application/period-rules";
import { toFieldErrors, ZApplicationSubmitSchema, type TApplicationSubmit } from "@/lib/guarantee-application/schemas";
import { toApplicationFormValues } from "@/lib/guarantee-application/to-application-form-values";
import { checkElectronicEligibility, type IneligibleCode } from "@/lib/orderer/check-eligibility";

export type SubmittableCheck =
  | { ok: true; application: ApplicationForCompany; data: TApplicationSubmit; base: BaseContract | null }
  | {
      ok: false;
      application: ApplicationForCompany;
      fieldErrors: FieldErrors;
      /** Set when 電子交付 was chosen and the orderer's rule does not allow it. */
      ineligible: { code: IneligibleCode; reason: string } | null;
    };

/**
 * Could this stored application be submitted as it is? The same `ZApplicationSubmitSchema` as the form, then what
 * only the server knows: the picked orderer, 担当課 and base contract (this company's, still valid), and the
 * orderer's 電子交付 rule, and that the 工期（至） (the end of the 保証期間) has not already passed. For menu 3 the
 * 前払金額 checked is the base 前払金保証's, not the stored one.
 * Throws NOT_FOUND for another company's (or no) application.
 */
export async function checkApplicationSubmittable({
  companyId,
  applicationId,
  client = db,
  today = todayJst(),
}: {
  companyId: string;
  applicationId: string;
  client?: Db | Tx;
  /** YYYY-MM-DD in Japan; injectable for tests. */
  today?: string;
}): Promise<SubmittableCheck> {
  const application = await getApplicationForCompany({ companyId, applicationId, client });
  const ctx = await loadApplicationContext({
    client,
    companyId,
    menu: application.menu,
    ordererId: application.ordererId,
    departmentId: application.departmentId,
    baseContractId: application.baseContractId,
  });

  const values = toApplicationFormValues(application);
  if (ctx.ordererId) values.ordererId = ctx.ordererId;
  if (application.menu === "INTERMEDIATE" && ctx.base) values.advanceAmount = ctx.base.guaranteeAmount.toString();

  const parsed = ZApplicationSubmitSchema.safeParse(values);
  const fieldErrors = mergeFieldErrors(parsed.success ? {} : toFieldErrors(parsed.error), ctx.fieldErrors);
  // Shown with the other problems even when some field is wrong, as long as 工期（至） itself reads as a date.
  const periodTo = parsed.success ? parsed.data.periodTo : parseDateInput(values.periodTo ?? "");
  const ended = periodTo ? checkPeriodNotEnded({ periodTo, today }) : null;
  if (ended) addFieldError(fieldErrors, "periodTo", ended);

  let ineligible: { code: IneligibleCode; reason: string } | null = null;
  if (application.deliveryMethod === "ELECTRONIC" && ctx.ordererId) {
    const result = checkElectronicEligibility({
      rule: ctx.rule,
      bidDate: application.bidDate,
      workCategory: application.workCategory,
      guaranteeTypes: guaranteeKindsFor(application),
    });
    if (!result.eligible) {
      ineligible = { code: result.code, reason: result.reason };
      addFieldError(fieldErrors, "deliveryMethod", result.reason);
    }
  }

  if (parsed.success && !hasFieldErrors(fieldErrors)) return { ok: true, application, data: parsed.data, base: ctx.base };
  return { ok: false, application, fieldErrors, ineligible };
}
