import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { CreateStaffForm } from "@/components/admin/create-staff-form";
import { requireStaffPage } from "@/lib/auth/session";
import { formatDateTimeJst } from "@/lib/dates";
import { listStaffAccounts } from "@/lib/staff/list-staff-accounts";
import { STAFF_ROLE_LABELS, STAFF_ROLES } from "@/lib/staff/schemas";
import { changeStaffRoleAction, createStaffAction, decideRoleGrantAction, setStaffActiveAction } from "./actions";

export const metadata: Metadata = { title: "職員アカウント" };

export default async function StaffPage() {
  const me = await requireStaffPage(["ADMIN"]);
  const { staff, pendingGrants } = await listStaffAccounts();
  return (
    <>
      <h1>職員アカウント</h1>
      <h2>承認待ちの権限付与</h2>
      {pendingGrants.length === 0 ? (
        <p>承認待ちの権限付与はありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">職員ID</th>
              <th scope="col">内容</th>
              <th scope="col">申請者・申請日時</th>
              <th scope="col">承認・却下</th>
            </tr>
          </thead>
          <tbody>
            {pendingGrants.map((g) => (
              <tr key={g.id}>
                <td>
                  {g.staffUser.staffId}
                  <div className="muted">{g.staffUser.name}</div>
                </td>
                <td>
                  {g.fromRole === null ? `新規登録（${STAFF_ROLE_LABELS[g.toRole]}）` : `${STAFF_ROLE_LABELS[g.fromRole]} → ${STAFF_ROLE_LABELS[g.toRole]}`}
                </td>
                <td>
                  {g.requestedBy.staffId}
                  <div className="muted">{formatDateTimeJst(g.requestedAt)}</div>
                </td>
                <td>
                  {g.requestedById === me.userId || g.staffUserId === me.userId ? (
                    <span className="muted">別のシステム管理者が承認します</span>
                  ) : (
                    <>
                      <ActionForm action={decideRoleGrantAction} label="承認する">
                        <input type="hidden" name="grantId" value={g.id} />
                        <input type="hidden" name="decision" value="approve" />
                      </ActionForm>
                      <ActionForm action={decideRoleGrantAction} label="却下する" danger>
                        <input type="hidden" name="grantId" value={g.id} />
                        <input type="hidden" name="decision" value="reject" />
                      </ActionForm>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>職員一覧</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">職員ID</th>
            <th scope="col">氏名・メール</th>
            <th scope="col">権限</th>
            <th scope="col">状態</th>
            <th scope="col">最終ログイン</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.staffId}</td>
              <td>
                {s.name}
                <div className="muted">{s.email}</div>
              </td>
              <td>
                {s.id === me.userId ? (
                  <>
                    {STAFF_ROLE_LABELS[s.role]}
                    <div className="muted">（自分自身は変更できません）</div>
                  </>
                ) : (
                  <ActionForm action={changeStaffRoleAction} label="権限を変更" secondary>
                    <input type="hidden" name="id" value={s.id} />
                    <label className="visually-hidden" htmlFor={`role-${s.id}`}>
                      {s.staffId}の権限
                    </label>
                    <select id={`role-${s.id}`} name="role" defaultValue={s.role}>
                      {STAFF_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {STAFF_ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>{" "}
                  </ActionForm>
                )}
              </td>
              <td>
                {s.active ? <span className="badge badge--ok">利用中</span> : <span className="badge badge--error">停止中</span>}
                {s.id !== me.userId ? (
                  <ActionForm action={setStaffActiveAction} label={s.active ? "利用停止" : "利用再開"} danger={s.active} secondary={!s.active}>
                    <input type="hidden" name="id" value={s.id} />
                    <input type="hidden" name="active" value={s.active ? "false" : "true"} />
                  </ActionForm>
                ) : null}
              </td>
              <td>
                {s.lastLoginAt ? formatDateTimeJst(s.lastLoginAt) : "—"}
                <div className="muted">
                  {s.passwordSet ? "" : "パスワード未設定・"}
                  {s.totpEnabledAt ? "二段階認証あり" : "二段階認証なし"}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>職員の登録</h2>
      <CreateStaffForm action={createStaffAction} />
    </>
  );
}
