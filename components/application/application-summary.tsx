import { formatWarekiWithSeireki } from "@/lib/dates";
import type { ApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";
import { guaranteeKindsFor } from "@/lib/guarantee-application/guarantee-kinds-for";
import {
  APPLICATION_MENU_LABELS,
  DELIVERY_METHOD_LABELS,
  FIELD_LABELS,
  GUARANTEE_TYPE_LABELS,
  WORK_CATEGORY_LABELS,
} from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";

const NOT_ENTERED = "（未入力）";

/**
 * Every value of an application, labelled as on the form: the confirmation screen before 申込む and the read-only
 * view of a submitted one. `fieldErrors` (from the submit check) are shown beside the values they concern.
 */
export function ApplicationSummary({
  application: a,
  fieldErrors = {},
}: {
  application: ApplicationForCompany;
  fieldErrors?: Record<string, string[]>;
}) {
  const date = (d: Date | null) => (d ? formatWarekiWithSeireki(d) : NOT_ENTERED);
  const yen = (v: bigint | null) => (v === null ? NOT_ENTERED : formatYen(v));
  const rows: [string, string, React.ReactNode][] = [
    ["menu", FIELD_LABELS.menu, APPLICATION_MENU_LABELS[a.menu]],
    ["guaranteeTypes", "申し込む保証", guaranteeKindsFor(a).map((t) => GUARANTEE_TYPE_LABELS[t]).join("・")],
  ];
  if (a.baseContract) {
    rows.push(["baseContractId", FIELD_LABELS.baseContractId, `${a.baseContract.contractNumber}（${GUARANTEE_TYPE_LABELS[a.baseContract.guaranteeType]}）`]);
  }
  rows.push(
    ["ordererId", FIELD_LABELS.ordererId, a.orderer?.name ?? NOT_ENTERED],
    ["departmentId", FIELD_LABELS.departmentId, a.department?.name ?? NOT_ENTERED],
    ["workName", FIELD_LABELS.workName, a.workName ?? NOT_ENTERED],
    ["workLocation", FIELD_LABELS.workLocation, a.workLocation ?? NOT_ENTERED],
    ["workCategory", FIELD_LABELS.workCategory, a.workCategory ? WORK_CATEGORY_LABELS[a.workCategory] : NOT_ENTERED],
    ["bidDate", FIELD_LABELS.bidDate, date(a.bidDate)],
    ["contractDate", FIELD_LABELS.contractDate, date(a.contractDate)],
    ["periodFrom", FIELD_LABELS.periodFrom, date(a.periodFrom)],
    ["periodTo", FIELD_LABELS.periodTo, date(a.periodTo)],
    ["contractAmount", FIELD_LABELS.contractAmount, yen(a.contractAmount)],
    ["advanceAmount", FIELD_LABELS.advanceAmount, yen(a.advanceAmount)],
  );
  if (a.menu === "INTERMEDIATE") rows.push(["intermediateAmount", FIELD_LABELS.intermediateAmount, yen(a.intermediateAmount)]);
  if (a.menu === "ADVANCE" && a.withContractGuarantee) {
    rows.push(["contractGuaranteeAmount", FIELD_LABELS.contractGuaranteeAmount, yen(a.contractGuaranteeAmount)]);
  }
  rows.push(
    ["lowBidInvestigation", FIELD_LABELS.lowBidInvestigation, a.lowBidInvestigation ? "対象" : "対象外"],
    ["deliveryMethod", FIELD_LABELS.deliveryMethod, a.deliveryMethod ? DELIVERY_METHOD_LABELS[a.deliveryMethod] : NOT_ENTERED],
    ["notes", FIELD_LABELS.notes, a.notes ? <span style={{ whiteSpace: "pre-wrap" }}>{a.notes}</span> : "なし"],
  );
  const shown = new Set(rows.map(([key]) => key));
  const otherErrors = Object.entries(fieldErrors).filter(([key]) => !shown.has(key));
  return (
    <>
      <dl className="kv" aria-label="申込内容">
        {rows.map(([key, label, value]) => (
          <Row key={key} label={label} value={value} errors={fieldErrors[key]} />
        ))}
      </dl>
      {otherErrors.length ? (
        <ul className="field__error">
          {otherErrors.flatMap(([, messages]) => messages).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Row({ label, value, errors }: { label: string; value: React.ReactNode; errors?: string[] }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {value}
        {errors?.length ? <p className="field__error">{errors.join(" ")}</p> : null}
      </dd>
    </>
  );
}
