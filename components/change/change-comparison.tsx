import type { ChangeRequestDetail } from "@/lib/change/change-request-detail";
import { CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import { formatWarekiWithSeireki } from "@/lib/dates";
import { formatYen } from "@/lib/money";

/** 変更前 → 変更後 of one change, with 変更契約日 and 変更の理由. */
export function ChangeComparison({ change: c }: { change: ChangeRequestDetail }) {
  const rows: [string, string, string][] = [];
  if (c.kind === "INCREASE" || c.kind === "DECREASE") {
    rows.push(["請負代金額", formatYen(c.before.contractAmount), c.requested.contractAmount === null ? "—" : formatYen(c.requested.contractAmount)]);
    rows.push([
      `保証金額（${GUARANTEE_AMOUNT_LABELS[c.guaranteeType]}）`,
      formatYen(c.before.guaranteeAmount),
      c.requested.guaranteeAmount === null ? "—" : formatYen(c.requested.guaranteeAmount),
    ]);
  } else if (c.kind === "PERIOD_CHANGE") {
    rows.push(["工期（至）・保証期間（至）", formatWarekiWithSeireki(c.before.periodTo), c.requested.periodTo ? formatWarekiWithSeireki(c.requested.periodTo) : "—"]);
  } else {
    rows.push(["商号又は名称", c.before.companyName, c.requested.companyName ?? "—"]);
    rows.push(["所在地", c.before.address, c.requested.address ?? "—"]);
  }
  return (
    <>
      <table className="data">
        <caption className="visually-hidden">{CHANGE_KIND_LABELS[c.kind]}の内容</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, before, after]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{before}</td>
              <td>
                <strong>{after}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="kv" style={{ marginTop: "1rem" }}>
        <dt>変更契約日</dt>
        <dd>{formatWarekiWithSeireki(c.changeContractDate)}</dd>
        <dt>変更の理由</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{c.reason}</dd>
      </dl>
    </>
  );
}
