import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import crypto from "node:crypto";
import { ChangeRequestForm } from "@/components/change/change-request-form";
import { requireContractorPage } from "@/lib/auth/session";
import { CHANGE_KIND_HINTS, CHANGE_KIND_LABELS } from "@/lib/change/labels";
import { loadChangeContext } from "@/lib/change/load-change-context";
import { ZChangeTargetSchema } from "@/lib/change/schemas";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { GUARANTEE_AMOUNT_LABELS } from "@/lib/contract/labels";
import { formatWarekiWithSeireki } from "@/lib/dates";
import { GUARANTEE_TYPE_LABELS } from "@/lib/guarantee-application/labels";
import { formatYen } from "@/lib/money";
import { submitChangeAction } from "../actions";

export const metadata: Metadata = { title: "変更内容の入力" };

export default async function NewChangePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireContractorPage();
  const sp = await searchParams;
  const target = ZChangeTargetSchema.safeParse({ contract: sp.contract, kind: sp.kind });
  if (!target.success) {
    return (
      <>
        <h1>変更内容の入力</h1>
        <p className="notice notice--error">対象の保証契約と変更の種類を選んでください。</p>
        <p>
          <Link href="/enet/changes">← 保証契約締結後の変更へ戻る</Link>
        </p>
      </>
    );
  }
  const number = parseContractNumber(target.data.contract);
  const loaded = number.ok ? await loadChangeContext({ companyId: user.companyId, contractNumber: number.value }) : null;
  if (!loaded) notFound();
  const { context: c } = loaded;
  const kind = target.data.kind;
  const blocked =
    loaded.lifecycleStatus === "CANCELLED"
      ? "この保証は解約されているため、変更を申し込めません。"
      : loaded.lifecycleStatus === "EXPIRED"
        ? "この保証は保証期間が満了しているため、変更を申し込めません。"
        : loaded.pendingChangeId
          ? "この保証には手続き中の変更があります。手続きが終わってから次の変更をお申し込みください。"
          : null;

  const amountLabel = GUARANTEE_AMOUNT_LABELS[c.guaranteeType];
  const initialValues: Record<string, string> =
    kind === "CONTRACTOR_INFO" ? { newCompanyName: c.companyName, newAddress: c.address } : {};

  return (
    <>
      <p>
        <Link href="/enet/changes">← 保証契約締結後の変更へ戻る</Link>
      </p>
      <h1>変更内容の入力（{CHANGE_KIND_LABELS[kind]}）</h1>
      <p>{CHANGE_KIND_HINTS[kind]}</p>
      <h2>対象の保証契約</h2>
      <dl className="kv">
        <dt>保証契約番号</dt>
        <dd>
          {c.contractNumber}（現在 第{loaded.currentVersion}版）
        </dd>
        <dt>保証の種類</dt>
        <dd>{GUARANTEE_TYPE_LABELS[c.guaranteeType]}</dd>
        <dt>工事名</dt>
        <dd>{c.workName}</dd>
        <dt>請負代金額</dt>
        <dd>{formatYen(c.contractAmount)}</dd>
        <dt>保証金額（{amountLabel}）</dt>
        <dd>{formatYen(c.guaranteeAmount)}</dd>
        <dt>工期</dt>
        <dd>
          {c.workPeriodFrom ? formatWarekiWithSeireki(c.workPeriodFrom) : "—"} 〜 {c.workPeriodTo ? formatWarekiWithSeireki(c.workPeriodTo) : "—"}
        </dd>
        <dt>保証期間</dt>
        <dd>
          {formatWarekiWithSeireki(c.periodFrom)} 〜 {formatWarekiWithSeireki(c.periodTo)}
        </dd>
      </dl>

      <h2>変更内容</h2>
      {blocked ? (
        <p className="notice notice--error">{blocked}</p>
      ) : (
        <ChangeRequestForm
          action={submitChangeAction}
          kind={kind}
          hidden={{ contractNumber: c.contractNumber, requestToken: crypto.randomUUID() }}
          initialValues={initialValues}
          current={{
            contractAmount: formatYen(c.contractAmount),
            guaranteeAmount: formatYen(c.guaranteeAmount),
            amountLabel,
            workPeriodTo: c.workPeriodTo ? formatWarekiWithSeireki(c.workPeriodTo) : formatWarekiWithSeireki(c.periodTo),
            companyName: c.companyName,
            address: c.address,
          }}
          submitLabel="変更を申し込む"
        />
      )}
    </>
  );
}
