import type { Metadata } from "next";
import Link from "next/link";
import { RateTableForm } from "@/components/admin/rate-table-form";
import { requireStaffPage } from "@/lib/auth/session";
import { formatWareki, todayJst } from "@/lib/dates";
import { formatPpmAsPercent } from "@/lib/fee/compute-fee";
import { GUARANTEE_TYPES } from "@/lib/guarantee-application/codes";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { loadRateTables } from "@/lib/rate-table/load-rate-tables";
import { ROUNDING_MODE_LABELS } from "@/lib/rate-table/schemas";
import { createRateTableAction } from "./actions";

export const metadata: Metadata = { title: "料率表" };

export default async function RateTablesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage(["ADMIN"]);
  const { from } = await searchParams;
  const tables = await loadRateTables({ fresh: true });
  const today = todayJst();
  const inForce = new Set(
    GUARANTEE_TYPES.map((t) => tables.filter((x) => x.guaranteeType === t && x.effectiveFrom <= today).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0]?.id),
  );
  const base = typeof from === "string" ? tables.find((t) => t.id === from) : undefined;
  const defaults: Record<string, string> = base
    ? {
        guaranteeType: base.guaranteeType,
        name: base.name,
        isSample: base.isSample ? "on" : "",
        roundingUnit: String(base.roundingUnit),
        roundingMode: base.roundingMode,
        minimumFee: String(base.minimumFee),
        ...Object.fromEntries(
          base.bands.flatMap((b, i) => [
            [`bands.${i}.upTo`, b.upTo === null ? "" : String(b.upTo)],
            [`bands.${i}.rate`, formatPpmAsPercent(b.ratePpm).replace("%", "")],
            [`bands.${i}.fixedFee`, String(b.fixedFee ?? 0)],
          ]),
        ),
      }
    : {};

  return (
    <>
      <h1>料率表</h1>
      <p>料率表は版ごとに保存され、締結日に適用される版で保証料を計算します。登録した版は変更・削除できません（改定は新しい版で行います）。</p>
      {GUARANTEE_TYPES.map((type) => {
        const versions = tables.filter((t) => t.guaranteeType === type);
        if (versions.length === 0) return null;
        return (
          <section key={type}>
            <h2>{GUARANTEE_TYPE_LABELS[type]}</h2>
            {versions.map((t) => (
              <div key={t.id} className="panel">
                <h3>
                  {t.name} {inForce.has(t.id) ? <span className="badge badge--ok">適用中</span> : t.effectiveFrom > today ? <span className="badge badge--warn">適用予定</span> : <span className="badge">過去の版</span>}{" "}
                  {t.isSample ? <span className="badge badge--warn">サンプル料率</span> : null}
                </h3>
                <p>
                  適用開始日：{formatWareki(t.effectiveFrom)}／端数処理：{t.roundingUnit}円未満{ROUNDING_MODE_LABELS[t.roundingMode]}／最低保証料：{formatYen(t.minimumFee)}
                </p>
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">保証金額</th>
                      <th scope="col" className="num">
                        料率
                      </th>
                      <th scope="col" className="num">
                        定額
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.bands.map((b, i, all) => (
                      <tr key={i}>
                        <td>
                          {i === 0 ? "" : `${formatYen(all[i - 1]!.upTo! + 1)}〜`}
                          {b.upTo === null ? (i === 0 ? "全額" : "") : `${formatYen(b.upTo)}以下`}
                        </td>
                        <td className="num">{formatPpmAsPercent(b.ratePpm)}</td>
                        <td className="num">{formatYen(b.fixedFee ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p>
                  <Link href={`/admin/rate-tables?from=${t.id}#new-version`}>この版をもとに新しい版を作成</Link>
                </p>
              </div>
            ))}
          </section>
        );
      })}
      <h2 id="new-version">新しい版の登録</h2>
      <RateTableForm action={createRateTableAction} defaults={defaults} key={base?.id ?? "blank"} />
    </>
  );
}
