import { attachmentDisposition } from "@/lib/http/content-disposition";
import { devMailboxDir } from "@/lib/mail/dev-mailbox/mailbox-dir";
import { readDevMail } from "@/lib/mail/dev-mailbox/read-dev-mail";

const notFound = () => new Response("Not Found", { status: 404 });

/** Downloads one attachment of a development mail (always as a download, never rendered by the browser). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; index: string }> }) {
  const dir = devMailboxDir();
  if (!dir) return notFound();
  const { id, index } = await params;
  if (!/^[0-9]{1,3}$/.test(index)) return notFound();
  const mail = await readDevMail({ dir, id });
  const attachment = mail?.attachments[Number(index)];
  if (!attachment) return notFound();
  return new Response(new Uint8Array(attachment.content), {
    headers: {
      "Content-Type": attachment.contentType || "application/octet-stream",
      "Content-Disposition": attachmentDisposition({ asciiName: attachment.filename, utf8Name: attachment.filename }),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
