import { z } from "zod";

/** 再送 at /admin/mail. */
export const ZResendMailSchema = z.object({ mailId: z.uuid() });
export type TResendMail = z.infer<typeof ZResendMailSchema>;
