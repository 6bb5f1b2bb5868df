"use client";
/**
 * The one application form of e-Net保証 for menus 1–3 (new, 保存中 and 差戻し). The server action checks everything
 * with the shared zod schemas and answers `{ fieldErrors, message, values }`; this component only shows the
 * answer beside each field and keeps what was typed. The little it computes itself: the 担当課 of the chosen
 * 発注者, and whether 「電子交付を希望する」 can be chosen (describeElectronicOption, the same rules as the server).
 */
import { useActionState, useState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import type { ApplicationMenu, WorkCategory } from "@/lib/guarantee-application/codes";
import { describeElectronicOption } from "@/lib/guarantee-application/describe-electronic-option";
import type { ApplicationFormState } from "@/lib/guarantee-application/form-state";
import { DELIVERY_METHOD_LABELS, FIELD_LABELS, WORK_CATEGORY_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import type { OrdererOption } from "@/lib/orderer/list-orderer-options";
import type { BaseContractSummary } from "@/lib/guarantee-application/to-base-contract-summary";
import { Choice, ChoiceGroup } from "./choice-group";
import styles from "./application.module.css";

type Values = Record<string, string>;

/** A stored amount (plain digits) as people read it; anything else as it was typed. */
function shownYen(v: string | undefined): string {
  return v && /^\d+$/.test(v) ? formatYen(BigInt(v)) : (v ?? "");
}

const AMOUNT_HINT = "数字で入力してください（全角・カンマ可。例：12,340,000）";
const DATE_HINT = "例：2024-12-01（2024/12/1、2024年12月1日 も可）";

export function ApplicationForm({
  action,
  menu,
  applicationId,
  initialValues,
  orderers,
  base,
}: {
  action: (state: ApplicationFormState, formData: FormData) => Promise<ApplicationFormState>;
  menu: ApplicationMenu;
  applicationId?: string;
  initialValues: Values;
  orderers: OrdererOption[];
  base?: BaseContractSummary | null;
}) {
  const [state, formAction] = useActionState(action, {});
  const id = state.applicationId ?? applicationId;
  return (
    <form action={formAction} noValidate>
      <FormMessage message={state.message} />
      <input type="hidden" name="menu" value={menu} />
      {id ? <input type="hidden" name="applicationId" value={id} /> : null}
      <ApplicationFields
        key={state.seq ?? 0}
        menu={menu}
        values={state.values ?? initialValues}
        errors={state.fieldErrors ?? {}}
        orderers={orderers}
        base={base ?? null}
      />
      <div className="btn-row">
        <SubmitButton name="intent" value="save" className="btn btn--secondary">
          一時保存
        </SubmitButton>
        <SubmitButton name="intent" value="confirm">
          確認
        </SubmitButton>
      </div>
      <p className="field__hint">「一時保存」は入力途中でも保存できます。「確認」で入力内容を確認してから申し込みます。</p>
    </form>
  );
}

function ApplicationFields({
  menu,
  values,
  errors,
  orderers,
  base,
}: {
  menu: ApplicationMenu;
  values: Values;
  errors: Record<string, string[]>;
  orderers: OrdererOption[];
  base: BaseContractSummary | null;
}) {
  const [ordererId, setOrdererId] = useState(values.ordererId ?? "");
  const [bidDate, setBidDate] = useState(values.bidDate ?? "");
  const [workCategory, setWorkCategory] = useState(values.workCategory ?? "");
  const [withContractGuarantee, setWithContractGuarantee] = useState(values.withContractGuarantee === "on");
  const [deliveryMethod, setDeliveryMethod] = useState(values.deliveryMethod ?? "");

  const orderer = orderers.find((o) => o.id === ordererId) ?? null;
  const option = describeElectronicOption({
    menu,
    withContractGuarantee: menu === "ADVANCE" && withContractGuarantee,
    ordererChosen: orderer !== null,
    rule: orderer?.rule ?? null,
    bidDate,
    workCategory: workCategory === "CONSTRUCTION" || workCategory === "CONSULTING" ? workCategory : null,
  });
  const electronicRefused = option.state === "REFUSED";
  // A refused 電子交付 is not sent, but stays remembered: it comes back if the reason goes away (e.g. 入札日 corrected).
  const chosenDelivery = electronicRefused && deliveryMethod === "ELECTRONIC" ? "" : deliveryMethod;
  const departmentGroups = orderer ? [orderer] : orderers;
  const fixedOrderer = base !== null; // menus 2 and 3: the 工事 (and its orderer) is the base guarantee's

  const text = (name: keyof typeof FIELD_LABELS, opts: { hint?: string; required?: boolean; className?: string } = {}) => (
    <Field id={name} label={FIELD_LABELS[name]} hint={opts.hint} errors={errors[name]} required={opts.required}>
      {(p) => <input {...p} type="text" autoComplete="off" defaultValue={values[name] ?? ""} className={opts.className} />}
    </Field>
  );
  const amount = (name: keyof typeof FIELD_LABELS, required = true) =>
    text(name, { hint: AMOUNT_HINT, required, className: styles.amount });

  return (
    <>
      {base ? (
        <section aria-labelledby="base-heading">
          <h2 id="base-heading">{FIELD_LABELS.baseContractId}</h2>
          <input type="hidden" name="baseContractId" value={base.id} />
          <dl className="kv">
            <dt>保証契約番号</dt>
            <dd>{base.contractNumber}</dd>
            <dt>保証の種類</dt>
            <dd>{base.guaranteeTypeLabel}</dd>
            <dt>工事名</dt>
            <dd>{base.workName}</dd>
            <dt>発注者</dt>
            <dd>
              {base.ordererName}　{base.departmentName}
            </dd>
            <dt>保証金額</dt>
            <dd>{base.guaranteeAmountText}</dd>
          </dl>
          {errors.baseContractId ? <p className="field__error">{errors.baseContractId.join(" ")}</p> : null}
        </section>
      ) : null}

      <h2>発注者・工事の内容</h2>
      {fixedOrderer ? (
        <>
          <input type="hidden" name="ordererId" value={ordererId} />
          <Field id="ordererName" label={FIELD_LABELS.ordererId} hint="対象の保証契約の発注者です" errors={errors.ordererId}>
            {(p) => <input {...p} name={undefined} type="text" readOnly value={orderer?.name ?? base.ordererName} className={styles.readonly} />}
          </Field>
        </>
      ) : (
        <Field id="ordererId" label={FIELD_LABELS.ordererId} errors={errors.ordererId} required>
          {(p) => (
            <select {...p} defaultValue={ordererId} onChange={(e) => setOrdererId(e.target.value)}>
              <option value="">選択してください</option>
              {orderers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id="departmentId"
        label={FIELD_LABELS.departmentId}
        hint={orderer ? undefined : "発注者を選択すると、その発注者の担当課だけが表示されます"}
        errors={errors.departmentId}
        required
      >
        {(p) => (
          // Uncontrolled (React resets a form after its action; a controlled <select> would come back blank), and
          // re-mounted when the 発注者 changes, which drops a 担当課 of the previous one.
          <select key={ordererId} {...p} defaultValue={ordererId === (values.ordererId ?? "") ? (values.departmentId ?? "") : ""}>
            <option value="">選択してください</option>
            {departmentGroups.map((o) => (
              <optgroup key={o.id} label={o.name}>
                {o.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {text("workName", { required: true })}
      {text("workLocation", { required: true })}
      <ChoiceGroup id="workCategory" legend={FIELD_LABELS.workCategory} errors={errors.workCategory} required>
        {(["CONSTRUCTION", "CONSULTING"] as WorkCategory[]).map((c) => (
          <Choice
            key={c}
            type="radio"
            name="workCategory"
            value={c}
            label={WORK_CATEGORY_LABELS[c]}
            checked={workCategory === c}
            onChange={() => setWorkCategory(c)}
          />
        ))}
      </ChoiceGroup>
      <Field id="bidDate" label={FIELD_LABELS.bidDate} hint={`${DATE_HINT}。電子交付の可否は入札日で判定します`} errors={errors.bidDate}>
        {(p) => <input {...p} type="text" autoComplete="off" value={bidDate} onChange={(e) => setBidDate(e.target.value)} />}
      </Field>
      {text("contractDate", { hint: DATE_HINT, required: true })}
      {text("periodFrom", { hint: DATE_HINT, required: true })}
      {text("periodTo", { hint: DATE_HINT, required: true })}

      <h2>金額</h2>
      {amount("contractAmount")}
      {menu === "INTERMEDIATE" ? (
        <Field
          id="advanceAmount"
          label={FIELD_LABELS.advanceAmount}
          hint="対象の前払金保証の保証金額です（変更できません）"
          errors={errors.advanceAmount}
        >
          {(p) => (
            // Posted only to be echoed back: the server takes the amount from the base guarantee.
            <input {...p} type="text" readOnly value={shownYen(values.advanceAmount)} className={`${styles.amount} ${styles.readonly}`} />
          )}
        </Field>
      ) : (
        amount("advanceAmount")
      )}
      {menu === "INTERMEDIATE" ? amount("intermediateAmount") : null}
      {menu === "ADVANCE" ? (
        <>
          <ChoiceGroup id="withContractGuarantee" legend="契約保証" errors={errors.withContractGuarantee}>
            <Choice
              type="checkbox"
              name="withContractGuarantee"
              label={FIELD_LABELS.withContractGuarantee}
              checked={withContractGuarantee}
              onChange={(e) => setWithContractGuarantee(e.target.checked)}
            />
          </ChoiceGroup>
          {withContractGuarantee ? (
            amount("contractGuaranteeAmount")
          ) : (
            // Kept (hidden) so an amount typed before unticking is not lost.
            <input type="hidden" name="contractGuaranteeAmount" value={values.contractGuaranteeAmount ?? ""} />
          )}
        </>
      ) : null}
      <ChoiceGroup id="lowBidInvestigation" legend="低入札価格調査" errors={errors.lowBidInvestigation}>
        <Choice type="checkbox" name="lowBidInvestigation" label={FIELD_LABELS.lowBidInvestigation} defaultChecked={values.lowBidInvestigation === "on"} />
      </ChoiceGroup>

      <h2>受取方法・連絡事項</h2>
      <ChoiceGroup
        id="deliveryMethod"
        legend={FIELD_LABELS.deliveryMethod}
        errors={errors.deliveryMethod}
        required
        hint={
          <div aria-live="polite">
            {option.state === "REFUSED" ? (
              <p className="notice notice--warning" id="deliveryMethod-reason">
                {option.message}
              </p>
            ) : option.state === "PENDING" ? (
              <p>{option.message}</p>
            ) : orderer?.keySubmissionNote ? (
              <p>電子交付を選択できます。{orderer.keySubmissionNote}</p>
            ) : (
              <p>電子交付を選択できます。</p>
            )}
          </div>
        }
      >
        {(["ELECTRONIC", "PAPER"] as const).map((m) => (
          <Choice
            key={m}
            type="radio"
            name="deliveryMethod"
            value={m}
            label={DELIVERY_METHOD_LABELS[m]}
            disabled={m === "ELECTRONIC" && electronicRefused}
            checked={chosenDelivery === m}
            onChange={() => setDeliveryMethod(m)}
          />
        ))}
      </ChoiceGroup>

      <Field id="notes" label={FIELD_LABELS.notes} hint="保証会社へのご連絡があれば入力してください（1000文字以内）" errors={errors.notes}>
        {(p) => <textarea {...p} rows={4} defaultValue={values.notes ?? ""} />}
      </Field>
    </>
  );
}
