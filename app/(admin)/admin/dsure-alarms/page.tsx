import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/session";
import { listDsureAlarmsForStaff } from "@/lib/certificate/list-dsure-alarms-for-staff";
import { formatDateTimeJst } from "@/lib/dates";

export const metadata: Metadata = { title: "D-Sure 照会の警告" };

export default async function DsureAlarmsPage() {
  await requireStaffPage();
  // D-Sure's own record, asked of D-Sure for our numbers only (a signed query through the registration interface).
  const answer = await listDsureAlarmsForStaff();
  if (!answer) {
    return (
      <>
        <h1>D-Sure 照会の警告</h1>
        <p role="alert">D-Sure に接続できないため、照会の警告を表示できません。しばらくしてから再度お試しください。</p>
      </>
    );
  }
  const { alarms, threshold } = answer;
  return (
    <>
      <h1>D-Sure 照会の警告</h1>
      <p>
        当社の保証契約番号のうち、{threshold.windowMinutes === 60 ? "1時間" : `${threshold.windowMinutes}分`}に{threshold.addresses}か所以上のアドレスから照会の失敗（認証キーの誤り・照会の一時停止）が続いた保証契約番号です。
        認証キーの推測や、発注者の照会を妨げる試みの可能性があります。照会の制限はアドレスごとのため、正しい認証キーを持つ発注者は照会できます。
      </p>
      {alarms.length === 0 ? (
        <p role="status">警告はありません。</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">警告の一覧（新しい順）</caption>
          <thead>
            <tr>
              <th scope="col">保証契約番号</th>
              <th scope="col">状態</th>
              <th scope="col">失敗回数</th>
              <th scope="col">アドレス数</th>
              <th scope="col">開始</th>
              <th scope="col">最後の失敗</th>
            </tr>
          </thead>
          <tbody>
            {alarms.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.contractNumber}</td>
                <td>{a.active ? <strong>継続中</strong> : "終息"}</td>
                <td>{a.failures.toLocaleString("ja-JP")}回</td>
                <td>{a.addresses.toLocaleString("ja-JP")}か所</td>
                <td>{formatDateTimeJst(a.since)}</td>
                <td>{formatDateTimeJst(a.lastFailureAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
