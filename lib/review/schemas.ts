import { z } from "zod";
import { charCount, normalizeMultilineText } from "@/lib/normalize";

export const RETURN_REASON_MAX_LENGTH = 1000;

/** 差戻し: the reason is mailed to the contractor and shown on their application. */
export const ZReturnApplicationSchema = z.object({
  applicationId: z.uuid({ error: "申込を特定できません" }),
  reason: z
    .string({ error: "差戻し理由を入力してください" })
    .transform(normalizeMultilineText)
    .refine((s) => s.length > 0, "差戻し理由を入力してください")
    .refine((s) => charCount(s) <= RETURN_REASON_MAX_LENGTH, `差戻し理由は${RETURN_REASON_MAX_LENGTH}文字以内で入力してください`),
});
export type TReturnApplication = z.infer<typeof ZReturnApplicationSchema>;

export const ZApplicationIdSchema = z.object({ applicationId: z.uuid({ error: "申込を特定できません" }) });
export type TApplicationId = z.infer<typeof ZApplicationIdSchema>;
