import type { FeeResult } from "@/lib/fee/types";
import { formatPpmAsPercent } from "@/lib/fee/compute-fee";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import type { GuaranteePlan } from "@/lib/contract/plan-guarantees";
import type { LoadedRateTable } from "@/lib/rate-table/load-rate-tables";
import { ROUNDING_MODE_LABELS } from "@/lib/rate-table/schemas";
import { formatWareki } from "@/lib/dates";
import { formatYen } from "@/lib/money";

function bandRange(from: number | null, upTo: number | null): string {
  if (from === null && upTo === null) return "全額";
  if (from === null) return `${formatYen(upTo!)}以下`;
  if (upTo === null) return `${formatYen(from)}以上`;
  return `${formatYen(from)}〜${formatYen(upTo)}`;
}

function FeeFormula({ result }: { result: FeeResult }) {
  const b = result.breakdown;
  return (
    <p>
      {formatYen(b.guaranteeAmount)} × {formatPpmAsPercent(b.ratePpm)}
      {b.fixedFee ? ` ＋ 定額${formatYen(b.fixedFee)}` : ""} ＝ {b.exactFee}円 → {b.roundingUnit}円未満
      {ROUNDING_MODE_LABELS[b.roundingMode]}：{formatYen(b.roundedFee)}
      {b.minimumFeeApplied ? `（最低保証料${formatYen(b.minimumFee)}を適用）` : ""}
    </p>
  );
}

/** 保証料 per guarantee with the rate table and band used, as the conclusion would compute it. */
export function FeePlan({ plan, planDate }: { plan: GuaranteePlan<LoadedRateTable>; planDate: string }) {
  return (
    <>
      {plan.guarantees.map((g) => (
        <section key={g.guaranteeType} className="panel" aria-labelledby={`fee-${g.guaranteeType}`}>
          <h3 id={`fee-${g.guaranteeType}`}>{GUARANTEE_TYPE_LABELS[g.guaranteeType]}</h3>
          <dl className="kv">
            <dt>{GUARANTEE_AMOUNT_LABELS[g.guaranteeType]}（保証金額）</dt>
            <dd>{g.guaranteeAmount === null ? "未入力" : formatYen(g.guaranteeAmount)}</dd>
            <dt>保証料</dt>
            <dd>
              {g.fee.ok ? <strong>{formatYen(g.fee.result.fee)}</strong> : <span className="badge badge--error">{g.fee.message}</span>}
            </dd>
            {g.fee.ok ? (
              <>
                <dt>料率表</dt>
                <dd>
                  {g.fee.rateTable.name}（{formatWareki(g.fee.rateTable.effectiveFrom)}から適用）
                  {g.fee.rateTable.isSample ? <span className="badge badge--warn">サンプル料率</span> : null}
                </dd>
                <dt>適用区分</dt>
                <dd>
                  {bandRange(g.fee.result.breakdown.band.from, g.fee.result.breakdown.band.upTo)}：{g.fee.result.rateLabel}
                </dd>
                <dt>計算</dt>
                <dd>
                  <FeeFormula result={g.fee.result} />
                </dd>
              </>
            ) : null}
          </dl>
          {g.fee.ok ? (
            <table className="data">
              <caption className="muted">料率表の区分（{planDate}時点で適用される版）</caption>
              <thead>
                <tr>
                  <th scope="col">保証金額</th>
                  <th scope="col" className="num">
                    料率
                  </th>
                  <th scope="col" className="num">
                    定額
                  </th>
                  <th scope="col">適用</th>
                </tr>
              </thead>
              <tbody>
                {g.fee.rateTable.bands.map((band, i, all) => {
                  const from = i === 0 ? null : all[i - 1]!.upTo! + 1;
                  const used = g.fee.ok && g.fee.result.bandIndex === i;
                  return (
                    <tr key={i} aria-current={used ? "true" : undefined}>
                      <td>{bandRange(from, band.upTo)}</td>
                      <td className="num">{formatPpmAsPercent(band.ratePpm)}</td>
                      <td className="num">{formatYen(band.fixedFee ?? 0)}</td>
                      <td>{used ? <strong>この区分</strong> : ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
      <p>
        保証料合計：<strong>{plan.totalFee === null ? "計算できません" : formatYen(plan.totalFee)}</strong>（消費税は課されません）
      </p>
    </>
  );
}
