import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ApplicationForm } from "@/components/application/application-form";
import { requireContractorPage } from "@/lib/auth/session";
import { APPLICATION_MENU_LABELS } from "@/lib/guarantee-application/labels";
import { listBaseContracts } from "@/lib/guarantee-application/list-base-contracts";
import { EDITABLE_STATUSES } from "@/lib/guarantee-application/menu-slugs";
import { toApplicationFormValues } from "@/lib/guarantee-application/to-application-form-values";
import { toBaseContractSummary, type BaseContractSummary } from "@/lib/guarantee-application/to-base-contract-summary";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { listOrdererOptions } from "@/lib/orderer/list-orderer-options";
import { saveApplicationAction } from "../../actions";
import { loadApplicationForPage } from "../../load-for-page";

export const metadata: Metadata = { title: "申込内容の入力（e-Net保証）" };

/** Continue a draft (保存中) or correct a returned application (差戻し). */
export default async function EditApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireContractorPage();
  const { id } = await params;
  const { saved } = await searchParams;
  const application = await loadApplicationForPage(user.companyId, id);
  if (!(EDITABLE_STATUSES as readonly string[]).includes(application.status)) redirect(`/enet/applications/${application.id}`);

  const values = toApplicationFormValues(application);
  let base: BaseContractSummary | null = null;
  if (application.baseContract) {
    const [current] = await listBaseContracts({
      companyId: user.companyId,
      menu: application.menu,
      contractId: application.baseContract.id,
    });
    if (current) {
      base = toBaseContractSummary(current);
      if (application.menu === "INTERMEDIATE") values.advanceAmount = current.guaranteeAmount.toString();
    } else {
      // No longer valid (e.g. 解約): shown as stored; saving reports it beside the base contract.
      const b = application.baseContract;
      base = {
        id: b.id,
        contractNumber: b.contractNumber,
        guaranteeTypeLabel: GUARANTEE_TYPE_LABELS[b.guaranteeType],
        workName: b.workName,
        ordererName: application.orderer?.name ?? "",
        departmentName: "",
        guaranteeAmountText: "",
      };
    }
  }

  return (
    <>
      <h1>{APPLICATION_MENU_LABELS[application.menu]}</h1>
      {saved ? (
        <p className="notice notice--success" role="status">
          一時保存しました。続きはいつでも「保存中・手続き中一覧」から入力できます。
        </p>
      ) : null}
      {application.status === "RETURNED" ? (
        <div className="notice notice--error">
          <p>
            <strong>この申込みは差し戻されました。</strong>内容を修正して、もう一度お申し込みください。
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>差戻し理由：{application.returnReason ?? "（記載なし）"}</p>
        </div>
      ) : null}
      <ApplicationForm
        key={application.lockVersion}
        action={saveApplicationAction}
        menu={application.menu}
        applicationId={application.id}
        initialValues={values}
        orderers={await listOrdererOptions()}
        base={base}
      />
      <p>
        <Link href="/enet/applications">保存中・手続き中一覧へ戻る</Link>
      </p>
    </>
  );
}
