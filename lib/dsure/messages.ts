import type { ChainProblem } from "./verify-chain";

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
  tamperedNote:
    "この電子証書は、D-Sure に登録された記録の検証に失敗したため表示できません。" +
    "内容を確認できないため、この照会結果を保証の確認に用いないでください。保証会社にお問い合わせください。",
} as const;

/** Why a chain failed its check, in words (the API gives the code beside it). */
export const CHAIN_PROBLEM_MESSAGES: Record<ChainProblem, string> = {
  EMPTY: "証書の記録がありません",
  MALFORMED: "記録の形式が正しくありません",
  WRONG_CERTIFICATE: "別の証書の記録が含まれています",
  SEQUENCE: "記録に欠落または順序の入れ替えがあります",
  PREVIOUS_HASH: "記録のつながりが一致しません",
  UNKNOWN_KEY: "登録されていない鍵で署名されています",
  KEY_NOT_VALID: "署名の時点で有効でない鍵で署名されています",
  SIGNATURE: "電子署名が記録の内容と一致しません",
  CONTENT_HASH: "証書の内容がハッシュ値と一致しません",
  ORDER: "記録の順序が正しくありません",
  KEY_BINDING: "認証キーの記録が一致しません",
};
