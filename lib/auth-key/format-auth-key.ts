import { AUTH_KEY_PATTERN } from "./constants";

/** `ABCD-EFGH-JKMN-PQRS`: groups of four, as printed on 認証キー等のお知らせ. */
export function formatAuthKey(key: string): string {
  if (!AUTH_KEY_PATTERN.test(key)) throw new RangeError("not a normalized 認証キー");
  return key.match(/.{4}/g)!.join("-");
}
