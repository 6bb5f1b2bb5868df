import fs from "node:fs/promises";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { devMailboxDir, devMailPath } from "@/lib/mail/dev-mailbox/mailbox-dir";

const notFound = () => new Response("Not Found", { status: 404 });

/** The development mail as received (.eml), as a download. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const dir = devMailboxDir();
  if (!dir) return notFound();
  const { id } = await params;
  const file = devMailPath(dir, id);
  if (!file) return notFound();
  const raw = await fs.readFile(file).catch(() => null);
  if (!raw) return notFound();
  return new Response(new Uint8Array(raw), {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": attachmentDisposition({ asciiName: `${id}.eml`, utf8Name: `${id}.eml` }),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
