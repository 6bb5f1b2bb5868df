"use client";

export default function GlobalError() {
  return (
    <html lang="ja">
      <body>
        <main style={{ maxWidth: "40rem", margin: "4rem auto", padding: "0 1.5rem", fontFamily: '"Noto Sans JP", "Hiragino Sans", "Yu Gothic", Meiryo, sans-serif' }} role="alert">
          <h1>ただいまご利用いただけません</h1>
          <p>システムに一時的な問題が発生しています。しばらく待ってから再度お試しください。</p>
        </main>
      </body>
    </html>
  );
}
