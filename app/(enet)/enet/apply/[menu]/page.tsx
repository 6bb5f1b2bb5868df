import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplicationForm } from "@/components/application/application-form";
import { BaseContractPicker } from "@/components/application/base-contract-picker";
import { requireContractorPage } from "@/lib/auth/session";
import { APPLICATION_MENU_LABELS, FIELD_LABELS } from "@/lib/guarantee-application/labels";
import { listBaseContracts } from "@/lib/guarantee-application/list-base-contracts";
import { BASE_GUARANTEE_TYPE, menuFromSlug } from "@/lib/guarantee-application/menu-slugs";
import { toBaseContractSummary } from "@/lib/guarantee-application/to-base-contract-summary";
import { listOrdererOptions } from "@/lib/orderer/list-orderer-options";
import { saveApplicationAction } from "../../applications/actions";

export const metadata: Metadata = { title: "保証申込（e-Net保証）" };

const PICK_LEGEND = {
  ADVANCE_AFTER_CONTRACT: "前払金保証を申し込む契約保証（締結済）",
  INTERMEDIATE: "中間前払金保証を申し込む前払金保証（締結済）",
} as const;

/** /enet/apply/advance · advance-after-contract · intermediate — a new application in one of the three menus. */
export default async function ApplyPage({
  params,
  searchParams,
}: {
  params: Promise<{ menu: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireContractorPage();
  const { menu: slug } = await params;
  const menu = menuFromSlug(slug);
  if (!menu) notFound();
  const title = APPLICATION_MENU_LABELS[menu];
  const orderers = await listOrdererOptions();

  if (!BASE_GUARANTEE_TYPE[menu]) {
    return (
      <>
        <h1>{title}</h1>
        <p>＊の項目は「確認」の前に入力してください。「一時保存」は入力途中でも保存できます。</p>
        <ApplicationForm action={saveApplicationAction} menu={menu} initialValues={{ menu }} orderers={orderers} />
      </>
    );
  }

  const { base: baseParam } = await searchParams;
  const baseId = typeof baseParam === "string" ? baseParam : undefined;
  const legend = PICK_LEGEND[menu as keyof typeof PICK_LEGEND];
  const [base] = baseId ? await listBaseContracts({ companyId: user.companyId, menu, contractId: baseId }) : [];
  if (!base) {
    const contracts = await listBaseContracts({ companyId: user.companyId, menu });
    return (
      <>
        <h1>{title}</h1>
        <p>対象の保証契約を選択してください。工事の内容は選択した保証契約から入力されます。</p>
        <BaseContractPicker
          action={`/enet/apply/${slug}`}
          legend={legend}
          contracts={contracts.map((c) => ({ ...toBaseContractSummary(c), concludedAt: c.concludedAt }))}
          error={baseId !== undefined ? `${FIELD_LABELS.baseContractId}の選択が正しくありません` : undefined}
        />
        <p>
          <Link href="/enet">HOMEへ戻る</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <p>
        選択した保証契約の内容を入力しています。変更がある項目は修正してください。
        <Link href={`/enet/apply/${slug}`}>保証契約を選び直す</Link>
      </p>
      <ApplicationForm
        action={saveApplicationAction}
        menu={menu}
        initialValues={base.prefill}
        orderers={orderers}
        base={toBaseContractSummary(base)}
      />
    </>
  );
}
