"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { WORK_CATEGORIES } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS, WORK_CATEGORY_LABELS } from "@/lib/guarantee-application/labels";
import { ELECTRONIC_GUARANTEE_TYPES, KEY_SUBMISSION_METHOD_LABELS, KEY_SUBMISSION_METHODS } from "@/lib/orderer/orderer-master-schemas";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };
type Action = (state: State, formData: FormData) => Promise<State>;

/** Values to show: what was just typed after a failure, else what is stored. */
function shown(state: State, stored: Record<string, string>): Record<string, string> {
  return state.ok === false && state.values ? state.values : stored;
}

export function OrdererForm({ action, orderer }: { action: Action; orderer?: { id: string; code: string; name: string; active: boolean } }) {
  const [state, formAction] = useActionState(action, {});
  const v = shown(state, orderer ? { code: orderer.code, name: orderer.name, active: orderer.active ? "on" : "" } : { active: "on" });
  const e = state.fieldErrors ?? {};
  const prefix = orderer ? `orderer-${orderer.id}` : "orderer-new";
  return (
    <form action={formAction} noValidate>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      {orderer ? <input type="hidden" name="id" value={orderer.id} /> : null}
      <Field id={`${prefix}-code`} label="発注者コード" hint="英小文字・数字・「-」（例：kagoshima-city）" errors={e.code} required>
        {(p) => <input {...p} name="code" type="text" defaultValue={v.code ?? ""} />}
      </Field>
      <Field id={`${prefix}-name`} label="発注者名" errors={e.name} required>
        {(p) => <input {...p} name="name" type="text" defaultValue={v.name ?? ""} />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={v.active === "on"} /> 利用中（申込で選択できる）
        </label>
      </div>
      <SubmitButton pendingText="保存中…">{orderer ? "発注者を保存" : "発注者を登録"}</SubmitButton>
    </form>
  );
}

export function DepartmentForm({
  action,
  ordererId,
  department,
}: {
  action: Action;
  ordererId: string;
  department?: { id: string; name: string; email: string; mailSubjectTemplate: string | null; active: boolean };
}) {
  const [state, formAction] = useActionState(action, {});
  const v = shown(
    state,
    department
      ? { name: department.name, email: department.email, mailSubjectTemplate: department.mailSubjectTemplate ?? "", active: department.active ? "on" : "" }
      : { active: "on" },
  );
  const e = state.fieldErrors ?? {};
  const prefix = department ? `dept-${department.id}` : "dept-new";
  return (
    <form action={formAction} noValidate key={!department && state.ok ? state.message : "form"}>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <input type="hidden" name="ordererId" value={ordererId} />
      {department ? <input type="hidden" name="id" value={department.id} /> : null}
      <Field id={`${prefix}-name`} label="担当課名" errors={e.name} required>
        {(p) => <input {...p} name="name" type="text" defaultValue={v.name ?? ""} />}
      </Field>
      <Field id={`${prefix}-email`} label="認証キー等のお知らせの送付先メールアドレス" errors={e.email} required>
        {(p) => <input {...p} name="email" type="email" defaultValue={v.email ?? ""} />}
      </Field>
      <Field
        id={`${prefix}-subject`}
        label="メール件名の形式（担当課独自の場合）"
        hint="空欄なら発注者の設定を使います。{guaranteeType}{workName}{contractNumber}が置き換わります。"
        errors={e.mailSubjectTemplate}
      >
        {(p) => <input {...p} name="mailSubjectTemplate" type="text" defaultValue={v.mailSubjectTemplate ?? ""} />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={v.active === "on"} /> 利用中
        </label>
      </div>
      <SubmitButton className="btn btn--secondary" pendingText="保存中…">
        {department ? "担当課を保存" : "担当課を追加"}
      </SubmitButton>
    </form>
  );
}

export type RuleValues = {
  acceptsElectronic: boolean;
  startDate: string;
  workCategories: string[];
  guaranteeTypes: string[];
  keySubmissionMethod: string;
  keySubmissionNote: string;
  mailSubjectTemplate: string;
};

export function DeliveryRuleForm({ action, ordererId, rule }: { action: Action; ordererId: string; rule: RuleValues }) {
  const [state, formAction] = useActionState(action, {});
  const e = state.fieldErrors ?? {};
  // Checkbox groups are not in `values` (one key per name); after a failure they fall back to the stored rule.
  const v = shown(state, {
    startDate: rule.startDate,
    keySubmissionMethod: rule.keySubmissionMethod,
    keySubmissionNote: rule.keySubmissionNote,
    mailSubjectTemplate: rule.mailSubjectTemplate,
  });
  return (
    <form action={formAction} noValidate>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <input type="hidden" name="ordererId" value={ordererId} />
      <div className="field">
        <label>
          <input type="checkbox" name="acceptsElectronic" defaultChecked={rule.acceptsElectronic} /> 電子証書（電子交付）を受け付ける
        </label>
      </div>
      <Field id="rule-startDate" label="対象となる入札日（この日以降）" hint="空欄なら入札日による制限はありません。" errors={e.startDate}>
        {(p) => <input {...p} name="startDate" type="date" defaultValue={v.startDate ?? ""} />}
      </Field>
      <fieldset className="field">
        <legend>対象の工事の種別</legend>
        <div className="checkbox-row">
          {WORK_CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name="workCategories" value={c} defaultChecked={rule.workCategories.includes(c)} /> {WORK_CATEGORY_LABELS[c]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>対象の保証の種類</legend>
        <p className="field__hint">契約保証予約は電子交付の対象になりません。</p>
        <div className="checkbox-row">
          {ELECTRONIC_GUARANTEE_TYPES.map((t) => (
            <label key={t}>
              <input type="checkbox" name="guaranteeTypes" value={t} defaultChecked={rule.guaranteeTypes.includes(t)} /> {GUARANTEE_TYPE_LABELS[t]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="rule-method" label="認証キーの提出方法" errors={e.keySubmissionMethod} required>
        {(p) => (
          <select {...p} name="keySubmissionMethod" defaultValue={v.keySubmissionMethod ?? "EMAIL"}>
            {KEY_SUBMISSION_METHODS.map((m) => (
              <option key={m} value={m}>
                {KEY_SUBMISSION_METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="rule-note" label="請負者への案内（提出先・方法）" errors={e.keySubmissionNote} required>
        {(p) => <textarea {...p} name="keySubmissionNote" rows={4} defaultValue={v.keySubmissionNote ?? ""} />}
      </Field>
      <Field id="rule-subject" label="メール件名の形式" hint="{guaranteeType}{workName}{contractNumber}が置き換わります。" errors={e.mailSubjectTemplate} required>
        {(p) => <input {...p} name="mailSubjectTemplate" type="text" defaultValue={v.mailSubjectTemplate ?? ""} />}
      </Field>
      <SubmitButton pendingText="保存中…">電子交付の設定を保存</SubmitButton>
    </form>
  );
}
