import type { Metadata } from "next";
import { Pagination } from "@/components/admin/pagination";
import { requireStaffPage } from "@/lib/auth/session";
import { listAuditLog, ZAuditLogFilterSchema } from "@/lib/audit/list-audit-log";
import { formatDateTimeJst } from "@/lib/dates";

export const metadata: Metadata = { title: "監査ログ" };

const ACTOR_LABELS = { STAFF: "職員", CONTRACTOR: "お客様", SYSTEM: "システム", ORDERER: "発注者" } as const;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json">{JSON.stringify(value, null, 1)}</pre>;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage(["ADMIN"]);
  const filter = ZAuditLogFilterSchema.parse(await searchParams);
  const { rows, total, page, pageCount } = await listAuditLog({ filter });
  return (
    <>
      <h1>監査ログ</h1>
      <p>職員・お客様の操作の記録です（新しい順）。記録は追記のみで、変更・削除はできません。</p>
      <form method="get" className="filters" aria-label="絞り込み">
        <div className="filters__row">
          <div className="field">
            <label htmlFor="action">操作（前方一致）</label>
            <input id="action" name="action" type="text" defaultValue={filter.action ?? ""} placeholder="contract.conclude" />
          </div>
          <div className="field">
            <label htmlFor="actor">操作者（職員ID・お客様ID）</label>
            <input id="actor" name="actor" type="text" defaultValue={filter.actor ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="entityId">対象ID</label>
            <input id="entityId" name="entityId" type="text" defaultValue={filter.entityId ?? ""} />
          </div>
        </div>
        <button type="submit" className="btn btn--secondary">
          絞り込む
        </button>
      </form>
      <p role="status">{total}件</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作者</th>
            <th scope="col">操作</th>
            <th scope="col">対象</th>
            <th scope="col">変更前</th>
            <th scope="col">変更後</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{formatDateTimeJst(r.at)}</td>
              <td>
                {r.actorLabel ?? "—"}
                <div className="muted">{ACTOR_LABELS[r.actorType]}</div>
              </td>
              <td>{r.action}</td>
              <td>
                {r.entityType}
                {r.entityId ? <div className="muted">{r.entityId}</div> : null}
              </td>
              <td>
                <Json value={r.before} />
              </td>
              <td>
                <Json value={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageCount={pageCount} basePath="/admin/audit" params={{ action: filter.action, actor: filter.actor, entityId: filter.entityId }} />
    </>
  );
}
