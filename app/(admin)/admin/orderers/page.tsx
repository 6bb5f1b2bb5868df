import type { Metadata } from "next";
import Link from "next/link";
import { OrdererForm } from "@/components/admin/orderer-forms";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatWareki } from "@/lib/dates";
import { saveOrdererAction } from "./actions";

export const metadata: Metadata = { title: "発注者" };

export default async function OrderersPage() {
  await requireStaffPage(["ADMIN"]);
  const orderers = await db.orderer.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      code: true,
      name: true,
      active: true,
      _count: { select: { departments: true } },
      deliveryRule: { select: { acceptsElectronic: true, startDate: true } },
    },
  });
  return (
    <>
      <h1>発注者・担当課・電子交付の設定</h1>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">発注者</th>
            <th scope="col">コード</th>
            <th scope="col" className="num">
              担当課
            </th>
            <th scope="col">電子交付</th>
            <th scope="col">状態</th>
          </tr>
        </thead>
        <tbody>
          {orderers.map((o) => (
            <tr key={o.id}>
              <td>
                <Link href={`/admin/orderers/${o.id}`}>{o.name}</Link>
              </td>
              <td>{o.code}</td>
              <td className="num">{o._count.departments}</td>
              <td>
                {o.deliveryRule?.acceptsElectronic
                  ? `受け付ける${o.deliveryRule.startDate ? `（${formatWareki(o.deliveryRule.startDate)}以降の入札）` : ""}`
                  : "受け付けない"}
              </td>
              <td>{o.active ? "利用中" : "停止中"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>発注者の登録</h2>
      <OrdererForm action={saveOrdererAction} />
    </>
  );
}
