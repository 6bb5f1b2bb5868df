/** The 解約 form of the back office (shared by the form, the action and cancelContract): pure, no `server-only`. */
import { z } from "zod";
import { charCount, normalizeMultilineText, normalizeText, parseDateInput } from "@/lib/normalize";

export const CANCEL_REASON_MAX_LENGTH = 1000;

export const ZCancelContractSchema = z.object({
  contractId: z.uuid({ error: "保証契約を特定できません" }),
  cancelDate: z
    .string({ error: "解約日を入力してください" })
    .transform((s, ctx) => {
      if (normalizeText(s) === "") {
        ctx.addIssue({ code: "custom", message: "解約日を入力してください" });
        return z.NEVER;
      }
      const d = parseDateInput(s);
      if (!d) {
        ctx.addIssue({ code: "custom", message: "解約日は正しい日付で入力してください（例：2025-03-31）" });
        return z.NEVER;
      }
      return d;
    }),
  reason: z
    .string({ error: "解約の理由を入力してください" })
    .transform(normalizeMultilineText)
    .refine((s) => s.length > 0, "解約の理由を入力してください")
    .refine((s) => charCount(s) <= CANCEL_REASON_MAX_LENGTH, `解約の理由は${CANCEL_REASON_MAX_LENGTH}文字以内で入力してください`),
});
export type TCancelContract = z.infer<typeof ZCancelContractSchema>;
