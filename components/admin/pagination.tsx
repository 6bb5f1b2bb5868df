import Link from "next/link";

/** 前へ / 次へ links that keep the other search parameters. */
export function Pagination({
  page,
  pageCount,
  basePath,
  params,
}: {
  page: number;
  pageCount: number;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set("page", String(p));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav aria-label="ページ送り" className="btn-row">
      {page > 1 ? (
        <Link className="btn btn--secondary" href={href(page - 1)}>
          前へ
        </Link>
      ) : null}
      <span aria-current="page">
        {page} / {pageCount} ページ
      </span>
      {page < pageCount ? (
        <Link className="btn btn--secondary" href={href(page + 1)}>
          次へ
        </Link>
      ) : null}
    </nav>
  );
}
