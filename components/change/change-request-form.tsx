"use client";
/**
 * The form of one change after conclusion (menu 5): the fields of the kind chosen, 変更契約日 and 変更の理由. The
 * server action checks everything with the shared zod schema (changeRequestSchemaFor) and answers
 * `{ fieldErrors, message, values }`; this component shows each message beside its field and keeps what was typed.
 */
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import type { ChangeKind } from "@/lib/change/codes";
import type { ChangeFormState } from "@/lib/change/form-state";
import { CHANGE_FIELD_LABELS } from "@/lib/change/labels";

type Values = Record<string, string>;

const AMOUNT_HINT = "数字で入力してください（全角・カンマ可。例：12,340,000）";
const DATE_HINT = "例：2025-03-31（2025/3/31、2025年3月31日 も可）";

export type ChangeFormCurrent = {
  contractAmount: string;
  guaranteeAmount: string;
  /** e.g. 前払金額 */
  amountLabel: string;
  workPeriodTo: string;
  companyName: string;
  address: string;
};

export function ChangeRequestForm({
  action,
  kind,
  hidden,
  initialValues,
  current,
  submitLabel,
}: {
  action: (state: ChangeFormState, formData: FormData) => Promise<ChangeFormState>;
  kind: ChangeKind;
  /** contractNumber / changeRequestId / requestToken */
  hidden: Record<string, string>;
  initialValues: Values;
  current: ChangeFormCurrent;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} noValidate>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="kind" value={kind} />
      <ChangeFields key={state.seq ?? 0} kind={kind} values={state.values ?? initialValues} errors={state.fieldErrors ?? {}} current={current} />
      <div className="btn-row">
        <SubmitButton pendingText="送信中…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}

function ChangeFields({
  kind,
  values,
  errors,
  current,
}: {
  kind: ChangeKind;
  values: Values;
  errors: Record<string, string[]>;
  current: ChangeFormCurrent;
}) {
  const text = (name: keyof typeof CHANGE_FIELD_LABELS, label: string, hint?: string) => (
    <Field id={name} label={label} hint={hint} errors={errors[name]} required>
      {(p) => <input {...p} type="text" autoComplete="off" defaultValue={values[name] ?? ""} />}
    </Field>
  );
  return (
    <>
      {errors.kind ? <p className="field__error">{errors.kind.join(" ")}</p> : null}
      {kind === "INCREASE" || kind === "DECREASE" ? (
        <>
          {text("newContractAmount", CHANGE_FIELD_LABELS.newContractAmount, `現在：${current.contractAmount}。${AMOUNT_HINT}`)}
          {text(
            "newGuaranteeAmount",
            `変更後の${current.amountLabel}（保証金額）`,
            `現在：${current.guaranteeAmount}。${kind === "INCREASE" ? "現在より大きい金額" : "現在より小さい金額"}を入力してください。${AMOUNT_HINT}`,
          )}
        </>
      ) : null}
      {kind === "PERIOD_CHANGE"
        ? text("newPeriodTo", CHANGE_FIELD_LABELS.newPeriodTo, `現在：${current.workPeriodTo}。保証期間（至）も同じ日に変わります。${DATE_HINT}`)
        : null}
      {kind === "CONTRACTOR_INFO" ? (
        <>
          {text("newCompanyName", CHANGE_FIELD_LABELS.newCompanyName, `現在：${current.companyName}`)}
          {text("newAddress", CHANGE_FIELD_LABELS.newAddress, `現在：${current.address}`)}
        </>
      ) : null}
      {text("changeContractDate", CHANGE_FIELD_LABELS.changeContractDate, `発注者と変更契約を結んだ日です。${DATE_HINT}`)}
      <Field id="reason" label={CHANGE_FIELD_LABELS.reason} hint="1,000文字以内" errors={errors.reason} required>
        {(p) => <textarea {...p} rows={4} maxLength={2000} defaultValue={values.reason ?? ""} />}
      </Field>
    </>
  );
}
