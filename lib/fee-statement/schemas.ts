import { z } from "zod";
import { nfkc } from "@/lib/normalize";
import { isMonth } from "./month";

/** 対象月 of the on-demand 保証料計算書 (back office): YYYY-MM, also 2025/06 or 2025年6月. */
export const ZGenerateFeeStatementsSchema = z.object({
  month: z
    .string({ error: "対象月を入力してください" })
    .transform((s) => {
      const m = /^(\d{4})\s*[-/年]\s*(\d{1,2})\s*月?$/.exec(nfkc(s).trim());
      return m ? `${m[1]}-${m[2]!.padStart(2, "0")}` : nfkc(s).trim();
    })
    .refine((s) => s.length > 0, "対象月を入力してください")
    .refine(isMonth, "対象月は 2025-06 のように入力してください"),
});
export type TGenerateFeeStatements = z.infer<typeof ZGenerateFeeStatementsSchema>;
