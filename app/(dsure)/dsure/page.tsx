import type { Metadata } from "next";
import { DsureLookupForm } from "@/components/certificate/dsure-lookup-form";
import { parseContractNumber } from "@/lib/contract-number/parse-contract-number";
import { lookupCertificateAction } from "./actions";
// The certificate comes back inside the action's result; load its styles with the page.
import "@/components/certificate/certificate.module.css";

export const metadata: Metadata = {
  title: "電子証書の閲覧（D-Sure）",
  robots: { index: false, follow: false },
  // The site-wide no-referrer policy makes a browser without JavaScript post forms with `Origin: null`, which the
  // server-action CSRF check rejects. same-origin still sends nothing to other sites.
  referrer: "same-origin",
};

export default async function DsurePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { no } = await searchParams;
  // ?no= comes from the QR code of 認証キー等のお知らせ: fill the number in (the key is never in a URL).
  const raw = typeof no === "string" ? no.slice(0, 32) : "";
  const parsed = parseContractNumber(raw);
  const initialContractNumber = parsed.ok ? parsed.value : raw;

  return (
    <>
      <h1 className="no-print">電子証書の閲覧</h1>
      <p className="no-print">
        請負者から提出された「認証キー等のお知らせ」に記載の保証契約番号と認証キーを入力してください。現在の版の電子証書と変更履歴、保証の状態を表示します。
      </p>
      <DsureLookupForm action={lookupCertificateAction} initialContractNumber={initialContractNumber} />
    </>
  );
}
