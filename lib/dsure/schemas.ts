import { z } from "zod";
import { DSURE_MESSAGES } from "./messages";

/**
 * The shape of a D-Sure look-up, shared by the page's form and the JSON API. Only the shape is checked here:
 * reading the number (check digit) and the key is done by lookupCertificate, which also logs the attempt.
 */
export const ZDsureLookupSchema = z.object({
  contractNumber: z
    .string({ error: DSURE_MESSAGES.numberRequired })
    .trim()
    .min(1, DSURE_MESSAGES.numberRequired)
    .max(64, DSURE_MESSAGES.numberFormat),
  authKey: z
    .string({ error: DSURE_MESSAGES.keyRequired })
    .trim()
    .min(1, DSURE_MESSAGES.keyRequired)
    .max(64, DSURE_MESSAGES.keyFormat),
});

export type TDsureLookup = z.infer<typeof ZDsureLookupSchema>;
