import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/ui/site-header";
import { devMailboxDir } from "@/lib/mail/dev-mailbox/mailbox-dir";

/** Development tools: only while `npm run dev` serves its own mailbox; 404 everywhere else. */
export default function DevLayout({ children }: { children: React.ReactNode }) {
  if (!devMailboxDir()) notFound();
  return (
    <>
      <SiteHeader brand="開発用メールボックス" href="/dev/mailbox" sub="development only" />
      <main className="page">{children}</main>
    </>
  );
}
