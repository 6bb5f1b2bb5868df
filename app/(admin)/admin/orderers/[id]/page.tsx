import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryRuleForm, DepartmentForm, OrdererForm } from "@/components/admin/orderer-forms";
import { requireStaffPage } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { toIsoDate } from "@/lib/dates";
import { DEFAULT_KEY_NOTICE_SUBJECT_TEMPLATE } from "@/lib/orderer/format-key-notice-subject";
import { saveDeliveryRuleAction, saveDepartmentAction, saveOrdererAction } from "../actions";

export const metadata: Metadata = { title: "発注者の設定" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function OrdererPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["ADMIN"]);
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const orderer = await db.orderer.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      name: true,
      active: true,
      departments: { orderBy: [{ active: "desc" }, { name: "asc" }], select: { id: true, name: true, email: true, mailSubjectTemplate: true, active: true } },
      deliveryRule: true,
    },
  });
  if (!orderer) notFound();
  const r = orderer.deliveryRule;
  return (
    <>
      <p>
        <Link href="/admin/orderers">← 発注者一覧</Link>
      </p>
      <h1>{orderer.name}</h1>
      <section className="panel">
        <h2>発注者</h2>
        <OrdererForm action={saveOrdererAction} orderer={orderer} />
      </section>

      <section className="panel">
        <h2>電子交付の設定</h2>
        <DeliveryRuleForm
          action={saveDeliveryRuleAction}
          ordererId={orderer.id}
          rule={{
            acceptsElectronic: r?.acceptsElectronic ?? false,
            startDate: r?.startDate ? toIsoDate(r.startDate) : "",
            workCategories: r?.workCategories ?? [],
            guaranteeTypes: r?.guaranteeTypes ?? [],
            keySubmissionMethod: r?.keySubmissionMethod ?? "EMAIL",
            keySubmissionNote: r?.keySubmissionNote ?? "",
            mailSubjectTemplate: r?.mailSubjectTemplate ?? DEFAULT_KEY_NOTICE_SUBJECT_TEMPLATE,
          }}
        />
      </section>

      <h2>担当課</h2>
      {orderer.departments.map((d) => (
        <section key={d.id} className="panel" aria-label={d.name}>
          <h3>
            {d.name} {d.active ? null : <span className="badge">停止中</span>}
          </h3>
          <DepartmentForm action={saveDepartmentAction} ordererId={orderer.id} department={d} />
        </section>
      ))}
      <section className="panel">
        <h3>担当課の追加</h3>
        <DepartmentForm action={saveDepartmentAction} ordererId={orderer.id} />
      </section>
    </>
  );
}
