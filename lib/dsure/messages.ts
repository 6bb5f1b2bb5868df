/** What D-Sure says, in one place: the page, the JSON API and the tests use the same words. */
export const DSURE_MESSAGES = {
  /** One answer for an unknown number and a wrong key, so neither can be told apart. */
  notFound: "保証契約番号または認証キーが正しくありません",
  checkDigit: "保証契約番号に誤りがあります",
  numberFormat: "保証契約番号は「2024-0001234-5」のように、数字12桁（ハイフンは省略可）で入力してください",
  numberRequired: "保証契約番号を入力してください",
  keyFormat: "認証キーは英数字16文字（ハイフンは省略可）で入力してください",
  keyRequired: "認証キーを入力してください",
  throttled: (minutes: number) =>
    `入力の誤りが続いたため、照会を一時的に停止しています。約${minutes}分後に再度お試しください。` +
    "認証キーがご不明な場合は、請負者に「認証キー等のお知らせ」をご確認ください。",
  tampered: "改ざんの疑いがあります",
} as const;
