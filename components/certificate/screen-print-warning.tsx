/** The flyer's warning, word for word: the saved screen is the company's record, not the document for the orderer. */
export const CERTIFICATE_SCREEN_WARNING =
  "この画面は印刷・保存が可能です。発注者へは「認証キー等のお知らせ（PDF）」をご提出ください。この画面を印刷・保存したものを誤って提出しないようご注意ください。";

export function ScreenPrintWarning() {
  return (
    <div className="notice notice--warning" role="note">
      <p style={{ margin: 0 }}>
        <strong>ご注意</strong>　{CERTIFICATE_SCREEN_WARNING}
      </p>
    </div>
  );
}
