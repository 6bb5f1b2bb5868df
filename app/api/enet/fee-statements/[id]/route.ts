import { currentContractor } from "@/lib/auth/session";
import { writeAudit } from "@/lib/audit/write-audit";
import { db } from "@/lib/db";
import { isDomainError } from "@/lib/errors";
import { getFeeStatementPdf } from "@/lib/fee-statement/get-fee-statement-pdf";
import { attachmentDisposition } from "@/lib/http/content-disposition";

export const dynamic = "force-dynamic";

/** One answer for "no such statement", "not yours", "not signed in" and "signed in as staff". */
function notFound(): Response {
  return new Response("お探しのファイルは見つかりません。", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** GET /api/enet/fee-statements/[id] — 保証料計算書 / 保証料返還計算書 (PDF) for the company it was issued to. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentContractor();
  if (!user) return notFound();
  const { id } = await params;
  let pdf: Awaited<ReturnType<typeof getFeeStatementPdf>>;
  try {
    pdf = await getFeeStatementPdf({ statementId: id, companyId: user.companyId });
  } catch (e) {
    if (isDomainError(e, "NOT_FOUND")) return notFound();
    throw e;
  }
  await writeAudit(db, {
    actorType: "CONTRACTOR",
    actorId: user.userId,
    actorLabel: user.loginId,
    action: "feeStatement.download",
    entityType: "FeeStatement",
    entityId: pdf.statementId,
  });
  return new Response(new Uint8Array(pdf.content), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.content.length),
      "Content-Disposition": attachmentDisposition({ asciiName: pdf.asciiFilename, utf8Name: pdf.filename }),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
