"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/form/field";
import { SubmitButton } from "@/components/form/submit-button";
import { GUARANTEE_TYPES } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { RATE_TABLE_MAX_BANDS, ROUNDING_MODE_LABELS, ROUNDING_MODES } from "@/lib/rate-table/schemas";

type State = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** A new 料率表 version: its guarantee type, effective date, rounding and up to ten bands. */
export function RateTableForm({
  action,
  defaults,
}: {
  action: (state: State, formData: FormData) => Promise<State>;
  defaults: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, {});
  const v = state.ok ? defaults : { ...defaults, ...(state.values ?? {}) };
  const e = state.fieldErrors ?? {};
  const bandErrors = (i: number) => [...(e[`bands.${i}.upTo`] ?? []), ...(e[`bands.${i}.rate`] ?? []), ...(e[`bands.${i}.fixedFee`] ?? [])];
  return (
    <form action={formAction} noValidate key={state.ok ? state.message : "form"}>
      <FormMessage message={state.message} tone={state.ok ? "success" : "error"} />
      <Field id="guaranteeType" label="保証の種類" errors={e.guaranteeType} required>
        {(p) => (
          <select {...p} defaultValue={v.guaranteeType ?? "ADVANCE_PAYMENT"}>
            {GUARANTEE_TYPES.map((t) => (
              <option key={t} value={t}>
                {GUARANTEE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="name" label="名称" errors={e.name} required>
        {(p) => <input {...p} type="text" defaultValue={v.name ?? ""} />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" name="isSample" defaultChecked={v.isSample === "on"} /> サンプル料率（公式の料率表ではない）
        </label>
      </div>
      <Field id="effectiveFrom" label="適用開始日" hint="この日以降に締結する保証契約に適用します（本日以降）。" errors={e.effectiveFrom} required>
        {(p) => <input {...p} type="date" defaultValue={v.effectiveFrom ?? ""} />}
      </Field>
      <Field id="roundingUnit" label="端数処理の単位" errors={e.roundingUnit} required>
        {(p) => (
          <select {...p} defaultValue={v.roundingUnit ?? "1"}>
            {["1", "10", "100", "1000"].map((u) => (
              <option key={u} value={u}>
                {u}円
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="roundingMode" label="端数処理の方法" errors={e.roundingMode} required>
        {(p) => (
          <select {...p} defaultValue={v.roundingMode ?? "FLOOR"}>
            {ROUNDING_MODES.map((m) => (
              <option key={m} value={m}>
                {ROUNDING_MODE_LABELS[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="minimumFee" label="最低保証料（円）" errors={e.minimumFee}>
        {(p) => <input {...p} type="text" inputMode="numeric" defaultValue={v.minimumFee ?? "0"} />}
      </Field>
      <fieldset className="field">
        <legend>料率の区分</legend>
        <p className="field__hint">
          保証金額の上限の小さい順に入力します。最後の行の上限を空欄にすると「上限なし」です。料率は％（例：0.065）で入力します。
        </p>
        {e.bands ? <p className="field__error">{e.bands.join(" ")}</p> : null}
        <table className="data">
          <thead>
            <tr>
              <th scope="col">区分</th>
              <th scope="col">保証金額（以下・円）</th>
              <th scope="col">料率（％）</th>
              <th scope="col">定額（円）</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: RATE_TABLE_MAX_BANDS }, (_, i) => {
              const errs = bandErrors(i);
              const errId = errs.length ? `band-${i}-error` : undefined;
              return (
                <tr key={i}>
                  <td>
                    {i + 1}
                    {errs.length ? (
                      <p className="field__error" id={errId}>
                        {errs.join(" ")}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="numeric"
                      name={`bands.${i}.upTo`}
                      aria-label={`区分${i + 1}の保証金額の上限`}
                      aria-describedby={errId}
                      aria-invalid={e[`bands.${i}.upTo`] ? true : undefined}
                      defaultValue={v[`bands.${i}.upTo`] ?? ""}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      name={`bands.${i}.rate`}
                      aria-label={`区分${i + 1}の料率（％）`}
                      aria-describedby={errId}
                      aria-invalid={e[`bands.${i}.rate`] ? true : undefined}
                      defaultValue={v[`bands.${i}.rate`] ?? ""}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="numeric"
                      name={`bands.${i}.fixedFee`}
                      aria-label={`区分${i + 1}の定額`}
                      aria-describedby={errId}
                      aria-invalid={e[`bands.${i}.fixedFee`] ? true : undefined}
                      defaultValue={v[`bands.${i}.fixedFee`] ?? ""}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <SubmitButton pendingText="登録中…">新しい版を登録する</SubmitButton>
    </form>
  );
}
