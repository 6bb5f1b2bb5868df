import { z } from "zod";
import { APPLICATION_MENUS, DELIVERY_METHODS } from "@/lib/guarantee-application/codes";

/** Statuses the queue can filter on (drafts and withdrawn ones are the contractor's own business). */
export const QUEUE_STATUSES = ["SUBMITTED", "REVIEWED", "RETURNED", "CONCLUDED"] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : Array.isArray(v) ? v[0] : v);

/** The queue's search parameters; anything unreadable is ignored rather than an error page. */
export const ZApplicationQueueFilterSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(QUEUE_STATUSES).optional().catch(undefined)),
  ordererId: z.preprocess(blankToUndefined, z.uuid().optional().catch(undefined)),
  menu: z.preprocess(blankToUndefined, z.enum(APPLICATION_MENUS).optional().catch(undefined)),
  deliveryMethod: z.preprocess(blankToUndefined, z.enum(DELIVERY_METHODS).optional().catch(undefined)),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
});
export type TApplicationQueueFilter = z.infer<typeof ZApplicationQueueFilterSchema>;
