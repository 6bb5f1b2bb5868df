import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page">
      <h1>ページが見つかりません</h1>
      <p>お探しのページは存在しないか、閲覧する権限がありません。</p>
      <p>
        <Link href="/">トップページへ戻る</Link>
      </p>
    </main>
  );
}
