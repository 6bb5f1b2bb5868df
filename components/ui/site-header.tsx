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

/** The page's footer: who provides the portal (the surety for e-Net保証 and the back office, D-Sure's operator for D-Sure). */
export function SiteFooter({ provider }: { provider: string }) {
  return <footer className="site-footer">{provider}</footer>;
}
