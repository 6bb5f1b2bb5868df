import type { Metadata } from "next";
import { FormMessage } from "@/components/form/field";
import { requireStaffPage } from "@/lib/auth/session";
import { formatDateTimeJst } from "@/lib/dates";
import { listUndeliveredMails, type UndeliveredMail } from "@/lib/mail/list-undelivered-mails";
import { ResendForm } from "./resend-form";

export const metadata: Metadata = { title: "メール送信状況" };

function MailRows({ mails, failed }: { mails: UndeliveredMail[]; failed: boolean }) {
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">作成日時</th>
          <th scope="col">件名</th>
          <th scope="col">宛先</th>
          <th scope="col" className="num">
            試行回数
          </th>
          <th scope="col">最後のエラー</th>
          <th scope="col">{failed ? "操作" : "次回の送信"}</th>
        </tr>
      </thead>
      <tbody>
        {mails.map((m) => (
          <tr key={m.id}>
            <td>{formatDateTimeJst(m.createdAt)}</td>
            <td>{m.subject}</td>
            <td>{m.toAddress}</td>
            <td className="num">
              {m.attempts}/{m.maxAttempts}
            </td>
            <td>
              <small>{m.lastError ?? "—"}</small>
            </td>
            <td>{failed ? <ResendForm mailId={m.id} subject={m.subject} /> : formatDateTimeJst(m.nextAttemptAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Mails the outbox could not deliver: FAILED ones with 「再送」, and those still being retried. ADMIN only. */
export default async function AdminMailPage({ searchParams }: { searchParams: Promise<{ resent?: string }> }) {
  await requireStaffPage(["ADMIN"]);
  const [{ failed, retrying }, { resent }] = await Promise.all([listUndeliveredMails(), searchParams]);
  return (
    <>
      <h1>メール送信状況</h1>
      <FormMessage tone="success" message={resent ? "再送を受け付けました。まもなく送信されます。" : null} />
      <p>
        送信に失敗したメールは、時間をおいて自動で再試行されます。上限回数まで失敗したメールは「送信失敗」となり、
        原因（宛先・メールサーバーの設定など）を確認のうえ「再送」できます。
      </p>
      <h2>送信失敗</h2>
      {failed.length ? <MailRows mails={failed} failed /> : <p>送信に失敗したメールはありません。</p>}
      <h2>再試行待ち</h2>
      {retrying.length ? <MailRows mails={retrying} failed={false} /> : <p>再試行待ちのメールはありません。</p>}
    </>
  );
}
