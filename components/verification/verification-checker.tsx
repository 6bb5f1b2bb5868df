"use client";
import { useState } from "react";
import { formatDateTimeJst } from "@/lib/dates";
import { trustedKeysFromPublicKeysJson } from "@/lib/verification/verification-file";
import {
  ENTRY_PROBLEM_MESSAGES,
  RECEIPT_PROBLEM_MESSAGES,
  verifyVerificationFile,
  type VerificationReport,
} from "@/lib/verification/verify-verification-file";

const KIND_LABELS: Record<string, string> = { VERSION: "版の発行", CANCEL: "解約", KEY: "認証キーの設定" };

const when = (iso: string | null) => {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? formatDateTimeJst(d) : "—";
};

/**
 * The browser verifier of D-Sure's verification file: reads the chosen file in the page (it is never sent anywhere),
 * fetches the keys D-Sure publishes (GET /api/dsure/v1/public-keys) and checks the file against them with Web Crypto
 * (verifyVerificationFile): which issuer and key signed each entry, and each entry's result.
 */
export function VerificationChecker() {
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  async function check(file: File | undefined) {
    setReport(null);
    setError(null);
    if (!file) return;
    setFileName(file.name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setError("ファイルを読み取れません。D-Sure からダウンロードした検証用ファイル（.json）を選んでください。");
      return;
    }
    let keys: unknown;
    try {
      const res = await fetch("/api/dsure/v1/public-keys", { headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(String(res.status));
      keys = await res.json();
    } catch {
      setError("D-Sure の公開鍵を取得できません。しばらくしてから再度お試しください。");
      return;
    }
    setReport(await verifyVerificationFile({ file: parsed, trusted: trustedKeysFromPublicKeysJson(keys) }));
  }

  return (
    <>
      <div className="field">
        <label htmlFor="verification-file">検証用ファイル（.json）</label>
        <input id="verification-file" type="file" accept="application/json,.json" onChange={(e) => void check(e.target.files?.[0])} />
      </div>
      {error ? (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      ) : null}
      {report ? <VerificationResult report={report} fileName={fileName} /> : null}
    </>
  );
}

function VerificationResult({ report, fileName }: { report: VerificationReport; fileName: string | null }) {
  if (report.unreadable) {
    return (
      <p role="alert" className="notice notice--error">
        {report.unreadable}
      </p>
    );
  }
  const failed = report.entries.filter((e) => !e.ok);
  return (
    <section aria-labelledby="verification-result-heading">
      <h2 id="verification-result-heading">検証結果{fileName ? `（${fileName}）` : ""}</h2>
      {report.ok ? (
        <p role="status" className="notice notice--success" data-verification="ok">
          検証に成功しました。すべての記録の署名と連鎖、D-Sure の受領証を確認しました。
        </p>
      ) : (
        <p role="alert" className="notice notice--error" data-verification="failed">
          検証に失敗しました。
          {failed.length ? `記録 ${failed.map((e) => e.seq).join("、")} を確認できません。` : ""}
          {report.receipt.problem ? `${RECEIPT_PROBLEM_MESSAGES[report.receipt.problem]}。` : ""}
        </p>
      )}
      <dl className="kv">
        <dt>保証契約番号</dt>
        <dd className="mono">{report.contractNumber}</dd>
        <dt>発行者</dt>
        <dd>{report.issuer ? `${report.issuer.name ?? "（公開鍵の一覧にない発行者）"}（${report.issuer.code}）` : "—"}</dd>
        <dt>照会日時</dt>
        <dd>{when(report.viewedAt)}</dd>
        {report.certificate ? (
          <>
            <dt>現在の版</dt>
            <dd>第{report.certificate.currentVersion}版</dd>
            <dt>状態</dt>
            <dd>{report.certificate.cancelled ? `解約（解約日 ${report.certificate.cancelDate}）` : "解約の記録なし"}</dd>
          </>
        ) : null}
        <dt>D-Sure の受領証</dt>
        <dd>
          {report.receipt.ok ? "確認済み" : report.receipt.problem ? RECEIPT_PROBLEM_MESSAGES[report.receipt.problem] : "—"}
          {report.receipt.keyId ? `（鍵 ${report.receipt.keyId}、${when(report.receipt.at)}、記録 ${report.receipt.length ?? "—"} 件）` : ""}
        </dd>
      </dl>
      <table className="data">
        <caption>記録ごとの検証結果</caption>
        <thead>
          <tr>
            <th scope="col">記録</th>
            <th scope="col">種類</th>
            <th scope="col">日時</th>
            <th scope="col">署名した鍵</th>
            <th scope="col">結果</th>
          </tr>
        </thead>
        <tbody>
          {report.entries.map((e, i) => (
            <tr key={i} data-seq={e.seq} data-ok={e.ok ? "true" : "false"}>
              <td>{e.seq}</td>
              <td>{KIND_LABELS[e.kind] ?? e.kind}</td>
              <td>{when(e.at)}</td>
              <td className="mono">{e.withheld ? "—" : `${e.issuer} / ${e.keyId ?? "—"}`}</td>
              <td>
                {e.ok ? (e.withheld ? "内容は省略（ハッシュで連鎖を確認）" : "検証済み") : <strong>{ENTRY_PROBLEM_MESSAGES[e.problem!]}</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
