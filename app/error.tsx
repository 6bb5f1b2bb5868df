"use client";

/**
 * Shown when a page fails unexpectedly — typically while the database is unreachable. Nothing is half written:
 * every change runs in one transaction. The page recovers by itself once the cause is gone.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="page" role="alert">
      <h1>ただいまご利用いただけません</h1>
      <p>システムに一時的な問題が発生しています。入力中の内容は保存されていない場合があります。しばらく待ってから再度お試しください。</p>
      <p>
        <button type="button" className="btn" onClick={() => reset()}>
          再読み込み
        </button>
      </p>
    </main>
  );
}
