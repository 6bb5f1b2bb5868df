import type { Metadata } from "next";
import { RegistrationDecisionForms } from "@/components/admin/registration-decision-forms";
import { FormMessage } from "@/components/form/field";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTimeJst } from "@/lib/dates";
import { approveRegistrationAction, rejectRegistrationAction } from "./actions";

export const metadata: Metadata = { title: "ID登録申請" };

const STATUS_LABELS = { PENDING: "未処理", APPROVED: "承認済", REJECTED: "却下" } as const;

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage(["ADMIN"]);
  const { approved, rejected } = await searchParams;
  const notice =
    typeof approved === "string" && /^[a-z0-9._-]{1,32}$/.test(approved)
      ? `承認しました（お客様ID：${approved}）。「ID登録のお知らせ」を送ります。`
      : rejected === "1"
        ? "却下しました。"
        : null;
  const select = {
    id: true,
    companyName: true,
    representative: true,
    address: true,
    licenseNumber: true,
    contactName: true,
    email: true,
    phone: true,
    status: true,
    rejectReason: true,
    createdAt: true,
    decidedAt: true,
    decidedBy: { select: { name: true } },
  } as const;
  const [pending, decided] = await Promise.all([
    db.registrationRequest.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, select }),
    db.registrationRequest.findMany({ where: { status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 20, select }),
  ]);
  return (
    <>
      <h1>ID登録申請</h1>
      <FormMessage message={notice} tone="success" />
      <h2>未処理（{pending.length}件）</h2>
      {pending.length === 0 ? <p>未処理の申請はありません。</p> : null}
      {pending.map((r) => (
        <section key={r.id} className="panel" aria-label={r.companyName}>
          <h3>{r.companyName}</h3>
          <dl className="kv">
            <dt>代表者</dt>
            <dd>{r.representative}</dd>
            <dt>所在地</dt>
            <dd>{r.address}</dd>
            <dt>建設業許可番号</dt>
            <dd>{r.licenseNumber}</dd>
            <dt>担当者</dt>
            <dd>{r.contactName}</dd>
            <dt>連絡先</dt>
            <dd>
              {r.email}／{r.phone}
            </dd>
            <dt>申請日時</dt>
            <dd>{formatDateTimeJst(r.createdAt)}</dd>
          </dl>
          <RegistrationDecisionForms approve={approveRegistrationAction} reject={rejectRegistrationAction} requestId={r.id} />
        </section>
      ))}
      <h2>処理済（最近20件）</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">商号</th>
            <th scope="col">結果</th>
            <th scope="col">処理日時</th>
            <th scope="col">処理者</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {decided.map((r) => (
            <tr key={r.id}>
              <td>{r.companyName}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td>{r.decidedAt ? formatDateTimeJst(r.decidedAt) : "—"}</td>
              <td>{r.decidedBy?.name ?? "—"}</td>
              <td>{r.rejectReason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
