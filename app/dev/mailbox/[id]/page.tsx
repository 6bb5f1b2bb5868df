import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTimeJst } from "@/lib/dates";
import { devMailboxDir } from "@/lib/mail/dev-mailbox/mailbox-dir";
import { readDevMail } from "@/lib/mail/dev-mailbox/read-dev-mail";

export const metadata: Metadata = { title: "メール — 開発用メールボックス" };

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const dir = devMailboxDir();
  if (!dir) notFound();
  const { id } = await params;
  const mail = await readDevMail({ dir, id });
  if (!mail) notFound();
  return (
    <>
      <p>
        <Link href="/dev/mailbox">← 一覧へ戻る</Link>
      </p>
      <h1>{mail.subject || "（件名なし）"}</h1>
      <dl className="kv">
        <dt>差出人</dt>
        <dd>{mail.from}</dd>
        <dt>宛先</dt>
        <dd>{mail.to}</dd>
        {mail.cc ? (
          <>
            <dt>CC</dt>
            <dd>{mail.cc}</dd>
          </>
        ) : null}
        <dt>日時</dt>
        <dd>{mail.date ? formatDateTimeJst(mail.date) : "—"}</dd>
        <dt>Message-ID</dt>
        <dd>
          <code>{mail.messageId}</code>
        </dd>
      </dl>

      <h2>添付ファイル</h2>
      {mail.attachments.length === 0 ? (
        <p>なし</p>
      ) : (
        <ul>
          {mail.attachments.map((a) => (
            <li key={a.index}>
              <a href={`/dev/mailbox/${mail.id}/attachments/${a.index}`} download={a.filename}>
                {a.filename}
              </a>{" "}
              （{a.contentType}、{a.size.toLocaleString("ja-JP")} バイト）
            </li>
          ))}
        </ul>
      )}

      <h2>テキスト本文</h2>
      <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", background: "var(--c-bg-subtle)", padding: "1rem" }}>
        {mail.text}
      </pre>

      <h2>HTML本文</h2>
      {mail.html === null ? (
        <p>なし</p>
      ) : (
        <>
          {/* No scripts, no same-origin access, no navigation of this page: the mail's HTML is only displayed. */}
          <iframe
            title="HTML本文"
            sandbox=""
            srcDoc={mail.html}
            referrerPolicy="no-referrer"
            style={{ width: "100%", height: "44rem", border: "1px solid var(--c-border)" }}
          />
          <details>
            <summary>HTML ソース</summary>
            <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", fontSize: "0.8rem" }}>{mail.html}</pre>
          </details>
        </>
      )}

      <h2>ヘッダー</h2>
      <table className="data">
        <tbody>
          {mail.headers.map((h, i) => (
            <tr key={i}>
              <th scope="row">{h.name}</th>
              <td style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{h.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/dev/mailbox/${mail.id}/raw`} download={`${mail.id}.eml`}>
          元のメール (.eml) をダウンロード
        </a>
      </p>
    </>
  );
}
