import "server-only";
import { notFound } from "next/navigation";
import { isDomainError } from "@/lib/errors";
import { getApplicationForCompany, type ApplicationForCompany } from "@/lib/guarantee-application/get-application-for-company";

/** The company's application for a page, or the same 404 for a missing one and for another company's. */
export async function loadApplicationForPage(companyId: string, applicationId: string): Promise<ApplicationForCompany> {
  try {
    return await getApplicationForCompany({ companyId, applicationId });
  } catch (e) {
    if (isDomainError(e, "NOT_FOUND")) notFound();
    throw e;
  }
}
