import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ApplicationSummary } from "@/components/application/application-summary";
import { SubmitApplicationForm } from "@/components/application/submit-application-form";
import { requireContractorPage } from "@/lib/auth/session";
import { isDomainError } from "@/lib/errors";
import { checkApplicationSubmittable, type SubmittableCheck } from "@/lib/guarantee-application/check-application-submittable";
import { APPLICATION_MENU_LABELS } from "@/lib/guarantee-application/labels";
import { EDITABLE_STATUSES } from "@/lib/guarantee-application/menu-slugs";
import { submitApplicationAction } from "../../actions";

export const metadata: Metadata = { title: "申込内容の確認（e-Net保証）" };

/** The confirmation screen: every value as it will be submitted, then 「申込む」. */
export default async function ConfirmApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireContractorPage();
  const { id } = await params;
  let check: SubmittableCheck;
  try {
    check = await checkApplicationSubmittable({ companyId: user.companyId, applicationId: id });
  } catch (e) {
    if (isDomainError(e, "NOT_FOUND")) notFound();
    throw e;
  }
  const a = check.application;
  if (!(EDITABLE_STATUSES as readonly string[]).includes(a.status)) redirect(`/enet/applications/${a.id}`);
  const editLink = (
    <Link href={`/enet/applications/${a.id}/edit`} className="btn btn--secondary">
      修正する
    </Link>
  );

  return (
    <>
      <h1>申込内容の確認</h1>
      <p>{APPLICATION_MENU_LABELS[a.menu]}の内容をご確認のうえ、「申込む」を押してください。</p>
      {check.ok ? null : (
        <p className="notice notice--error" role="alert">
          申込内容に不足または誤りがあります。「修正する」から入力内容をご確認ください。
        </p>
      )}
      <ApplicationSummary application={a} fieldErrors={check.ok ? {} : check.fieldErrors} />
      {check.ok ? (
        <SubmitApplicationForm action={submitApplicationAction} applicationId={a.id} lockVersion={a.lockVersion}>
          {editLink}
        </SubmitApplicationForm>
      ) : (
        <div className="btn-row">{editLink}</div>
      )}
    </>
  );
}
