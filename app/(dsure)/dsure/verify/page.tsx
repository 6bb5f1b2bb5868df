import type { Metadata } from "next";
import Link from "next/link";
import { VerificationChecker } from "@/components/verification/verification-checker";

export const metadata: Metadata = {
  title: "検証用ファイルの確認（D-Sure）",
  robots: { index: false, follow: false },
};

/** /dsure/verify — anyone checks a verification file in their own browser; no login, nothing is sent. */
export default function VerifyPage() {
  return (
    <>
      <h1>検証用ファイルの確認</h1>
      <p>
        電子証書を照会したときにダウンロードした「検証用ファイル」を選んでください。記録の連鎖、保証事業会社（発行者）の電子署名、D-Sure の受領証を、
        このブラウザの中で検証します。ファイルはどこにも送信されません。検証には D-Sure が公開している公開鍵（
        <a href="/api/dsure/v1/public-keys">公開鍵の一覧</a>）を使います。
      </p>
      <noscript>
        <p className="notice notice--error">この検証には JavaScript が必要です。JavaScript を有効にするか、npm run verify で検証してください。</p>
      </noscript>
      <VerificationChecker />
      <p>
        <Link href="/dsure">電子証書の閲覧に戻る</Link>
      </p>
    </>
  );
}
