import { currentContractor } from "@/lib/auth/session";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { getAuthKeyNotice } from "@/lib/pdf/get-auth-key-notice";
import { AUTH_KEY_NOTICE_TITLE, renderAuthKeyNotice } from "@/lib/pdf/render-auth-key-notice";

export const dynamic = "force-dynamic";

/** One answer for "no such number", "not yours", "not signed in" and "signed in as staff". */
function notFound(): Response {
  return new Response("お探しのファイルは見つかりません。", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** GET /api/enet/certificates/[contractNumber]/auth-key-notice — 認証キー等のお知らせ (PDF) for the owning company. */
export async function GET(_request: Request, { params }: { params: Promise<{ contractNumber: string }> }): Promise<Response> {
  const user = await currentContractor();
  if (!user) return notFound();
  const { contractNumber } = await params;

  let notice: Awaited<ReturnType<typeof getAuthKeyNotice>>;
  try {
    notice = await getAuthKeyNotice({ contractNumber, companyId: user.companyId });
  } catch (e) {
    if (isDomainError(e, "NOT_FOUND")) return notFound();
    throw e;
  }
  const pdf = await renderAuthKeyNotice(notice.data);
  await writeAudit(db, {
    actorType: "CONTRACTOR",
    actorId: user.userId,
    actorLabel: user.loginId,
    action: "authKeyNotice.download",
    entityType: "GuaranteeContract",
    entityId: notice.contractId,
  });

  const number = notice.data.contractNumber;
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": attachmentDisposition({
        asciiName: `auth-key-notice_${number}.pdf`,
        utf8Name: `${AUTH_KEY_NOTICE_TITLE}_${number}.pdf`,
      }),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
