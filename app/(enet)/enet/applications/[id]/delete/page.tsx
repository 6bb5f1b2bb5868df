import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireContractorPage } from "@/lib/auth/session";
import { deleteApplicationDraftAction } from "../../actions";
import { loadApplicationForPage } from "../../load-for-page";

export const metadata: Metadata = { title: "保存中の申込みの削除（e-Net保証）" };

/** Asks once before deleting a draft; only 保存中 can be deleted. */
export default async function DeleteApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireContractorPage();
  const { id } = await params;
  const a = await loadApplicationForPage(user.companyId, id);
  if (a.status !== "DRAFT") redirect(`/enet/applications/${a.id}?notdeletable=1`);
  return (
    <>
      <h1>保存中の申込みの削除</h1>
      <p>次の保存中の申込みを削除します。削除すると元に戻せません。</p>
      <dl className="kv">
        <dt>工事名</dt>
        <dd>{a.workName ?? "（未入力）"}</dd>
        <dt>発注者</dt>
        <dd>{a.orderer?.name ?? "（未入力）"}</dd>
      </dl>
      <form action={deleteApplicationDraftAction}>
        <input type="hidden" name="applicationId" value={a.id} />
        <div className="btn-row">
          <Link href="/enet/applications" className="btn btn--secondary">
            削除しないで戻る
          </Link>
          <button type="submit" className="btn btn--danger">
            削除する
          </button>
        </div>
      </form>
    </>
  );
}
