import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTimeJst } from "@/lib/dates";
import { listDevMails } from "@/lib/mail/dev-mailbox/list-dev-mails";
import { devMailboxDir } from "@/lib/mail/dev-mailbox/mailbox-dir";

export const metadata: Metadata = { title: "開発用メールボックス" };

export default async function DevMailboxPage() {
  const dir = devMailboxDir();
  if (!dir) notFound();
  const mails = await listDevMails({ dir });
  return (
    <>
      <h1>開発用メールボックス</h1>
      <p>
        開発用 SMTP サーバーが受信したメール（新しい順、最大100件）。保存先: <code>{dir}</code>
      </p>
      {mails.length === 0 ? (
        <p className="notice notice--warning">まだメールはありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">受信日時</th>
              <th scope="col">件名</th>
              <th scope="col">宛先</th>
              <th scope="col">差出人</th>
              <th scope="col" className="num">
                添付
              </th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>{m.date ? formatDateTimeJst(m.date) : "—"}</td>
                <td>
                  <Link href={`/dev/mailbox/${m.id}`}>{m.subject || "（件名なし）"}</Link>
                </td>
                <td>{m.to}</td>
                <td>{m.from}</td>
                <td className="num">{m.attachmentCount || ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
