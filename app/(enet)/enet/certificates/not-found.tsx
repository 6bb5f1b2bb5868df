import Link from "next/link";

/**
 * A certificate that does not exist or is not the user's (the same answer for both), shown inside e-Net保証 with its
 * menu. Being this segment's own boundary, it is rendered under the certificates layout, whose stylesheet the browser
 * has already been told to load.
 */
export default function CertificateNotFound() {
  return (
    <>
      <h1>電子証書が見つかりません</h1>
      <p>お探しの電子証書は存在しないか、閲覧する権限がありません。</p>
      <p>
        <Link href="/enet/certificates">電子証書の確認へ戻る</Link>
      </p>
    </>
  );
}
