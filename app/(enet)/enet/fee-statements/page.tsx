import type { Metadata } from "next";
import Link from "next/link";
import { requireContractorPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatWareki } from "@/lib/dates";
import { listCompanyFeeStatements } from "@/lib/fee-statement/list-company-fee-statements";
import { formatMonthLabel } from "@/lib/fee-statement/month";
import { formatYen } from "@/lib/money";

export const metadata: Metadata = { title: "保証料計算書" };

export default async function FeeStatementsPage() {
  const user = await requireContractorPage();
  const [statements, company] = await Promise.all([
    listCompanyFeeStatements({ companyId: user.companyId }),
    db.company.findUniqueOrThrow({ where: { id: user.companyId }, select: { lumpSumPayment: true } }),
  ]);
  return (
    <>
      <p>
        <Link href="/enet">← HOME</Link>
      </p>
      <h1>保証料計算書</h1>
      {company.lumpSumPayment ? (
        <p>
          保証料一括納付制度をご利用のお客様には、毎月1日に前月分の「保証料計算書」を発行します（前月に締結・変更した保証がある場合）。減額により保証料を返還する場合は「保証料返還計算書」を発行します。
        </p>
      ) : (
        <p>減額により保証料を返還する場合に「保証料返還計算書」を発行します。</p>
      )}
      {statements.length === 0 ? (
        <p className="notice">発行された計算書はまだありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">書類</th>
              <th scope="col">対象月</th>
              <th scope="col">内容</th>
              <th scope="col" className="num">
                金額
              </th>
              <th scope="col">発行日</th>
              <th scope="col">PDF</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr key={s.id}>
                <td>{s.kind === "MONTHLY" ? "保証料計算書" : "保証料返還計算書"}</td>
                <td>{formatMonthLabel(s.month)}分</td>
                <td>{s.kind === "MONTHLY" ? `${s.items}件` : `保証契約番号 ${s.contractNumber ?? "—"}`}</td>
                <td className="num">{s.kind === "MONTHLY" ? `合計 ${formatYen(s.total)}` : `返還額 ${formatYen(-s.total)}`}</td>
                <td>{formatWareki(s.createdAt)}</td>
                <td>
                  {/* A plain link: the handler answers with a file, and nothing should prefetch it. */}
                  <a href={`/api/enet/fee-statements/${s.id}`} download>
                    ダウンロード<span className="visually-hidden">（{s.kind === "MONTHLY" ? "保証料計算書" : "保証料返還計算書"} {formatMonthLabel(s.month)}分）</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field__hint">保証料は消費税の課税対象外です。</p>
    </>
  );
}
