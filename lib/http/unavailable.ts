/**
 * What a request gets while the database cannot be reached: 503 with Retry-After, in Japanese — a small
 * self-contained page for people, JSON for the APIs. Used by proxy.ts (circuit open) and by route handlers that catch
 * an unreachable-database error themselves.
 */
export const UNAVAILABLE_MESSAGE = "ただいまご利用いただけません。システムに接続できないため、しばらく待ってから再度お試しください。";

const HEADERS = { "Cache-Control": "no-store", "Retry-After": "5" } as const;

export function unavailableJson(): Response {
  return Response.json({ error: "unavailable", message: UNAVAILABLE_MESSAGE }, { status: 503, headers: HEADERS });
}

export const UNAVAILABLE_HTML = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ただいまご利用いただけません</title>
<style>body{font-family:"Noto Sans JP",sans-serif;margin:0;color:#1a1a1c;background:#fff}main{max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.8}h1{font-size:1.5rem}</style>
</head><body><main role="alert"><h1>ただいまご利用いただけません</h1>
<p>システムに接続できないため、ただいまこの画面を表示できません。しばらく待ってから、ページを再読み込みしてください。</p>
<p>送信中だった内容は保存されていません。お手数ですが、復旧後にもう一度操作してください。</p>
<p><a href="/">トップページへ</a></p></main></body></html>`;

export function unavailableHtml(): Response {
  return new Response(UNAVAILABLE_HTML, { status: 503, headers: { ...HEADERS, "Content-Type": "text/html; charset=utf-8" } });
}
