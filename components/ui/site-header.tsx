import Link from "next/link";

/** The header shared by the portals: brand, portal name and the portal's own links on the right. */
export function SiteHeader({
  brand,
  href,
  sub,
  children,
}: {
  brand: string;
  href: string;
  sub?: string;
  children?: React.ReactNode;
}) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href={href} className="site-header__brand">
          {brand}
        </Link>
        {sub ? <span className="site-header__sub">{sub}</span> : null}
        {children ? <nav className="site-header__nav" aria-label="サイト内メニュー">{children}</nav> : null}
      </div>
    </header>
  );
}

export function SiteFooter({ suretyName }: { suretyName: string }) {
  return <footer className="site-footer">{suretyName}</footer>;
}
