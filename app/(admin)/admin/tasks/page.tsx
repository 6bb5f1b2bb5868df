import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTimeJst } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { completeTaskAction } from "./actions";

export const metadata: Metadata = { title: "作業一覧" };

const TASK_LABELS = { PRINT_AND_SHIP: "保証証書の印刷・発送" } as const;

export default async function TasksPage() {
  await requireStaffPage(["REVIEWER", "APPROVER", "ADMIN"]);
  const select = {
    id: true,
    kind: true,
    status: true,
    createdAt: true,
    doneAt: true,
    doneBy: { select: { name: true } },
    contract: {
      select: {
        contractNumber: true,
        guaranteeType: true,
        workName: true,
        applicationId: true,
        company: { select: { name: true, address: true } },
      },
    },
  } as const;
  const [open, done] = await Promise.all([
    db.staffTask.findMany({ where: { status: "OPEN" }, orderBy: { createdAt: "asc" }, select }),
    db.staffTask.findMany({ where: { status: "DONE" }, orderBy: { doneAt: "desc" }, take: 20, select }),
  ]);
  return (
    <>
      <h1>作業一覧</h1>
      <h2>未完了（{open.length}件）</h2>
      {open.length === 0 ? (
        <p>未完了の作業はありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">作業</th>
              <th scope="col">保証契約番号</th>
              <th scope="col">工事名</th>
              <th scope="col">送付先（請負者）</th>
              <th scope="col">発生日時</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {open.map((t) => (
              <tr key={t.id}>
                <td>{TASK_LABELS[t.kind]}</td>
                <td>
                  <Link href={`/admin/applications/${t.contract.applicationId}`}>{t.contract.contractNumber}</Link>
                  <div className="muted">{GUARANTEE_TYPE_LABELS[t.contract.guaranteeType]}</div>
                </td>
                <td>{t.contract.workName}</td>
                <td>
                  {t.contract.company.name}
                  <div className="muted">{t.contract.company.address}</div>
                </td>
                <td>{formatDateTimeJst(t.createdAt)}</td>
                <td>
                  <ActionForm action={completeTaskAction} label="完了" pendingLabel="処理中…">
                    <input type="hidden" name="taskId" value={t.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>最近完了した作業</h2>
      {done.length === 0 ? (
        <p>まだありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">作業</th>
              <th scope="col">保証契約番号</th>
              <th scope="col">工事名</th>
              <th scope="col">完了日時</th>
              <th scope="col">担当</th>
            </tr>
          </thead>
          <tbody>
            {done.map((t) => (
              <tr key={t.id}>
                <td>{TASK_LABELS[t.kind]}</td>
                <td>{t.contract.contractNumber}</td>
                <td>{t.contract.workName}</td>
                <td>{t.doneAt ? formatDateTimeJst(t.doneAt) : "—"}</td>
                <td>{t.doneBy?.name ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
