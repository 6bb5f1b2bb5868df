import { addressGroupOf } from "@/lib/http/ip-address";

/**
 * How many failed look-ups D-Sure judges, per client and per (保証契約番号, client), in a window of 15 minutes that
 * starts at the client's first counted look-up: past either limit, every look-up of that client (for that number) is
 * refused without its key being compared, until the window ends. A client is an IPv4 address or an IPv6 /64
 * (addressGroupOf), from the socket or a trusted proxy (server/serve.ts). Nothing is counted per number alone: no
 * number of other clients can close a certificate to an orderer who has not failed. The bound this gives:
 * docs/decisions/008-dsure-limits.md.
 */
export const DSURE_LIMITS = {
  windowMs: 15 * 60 * 1000,
  /** Failures per client, over every number (unreadable requests and format errors count here too). */
  client: 30,
  /** Failures per client for one number. */
  pair: 5,
} as const;

/** The counter rows (ThrottleCounter keys) of a look-up. */
export const dsureThrottleKeys = (contractNumber: string, clientIp: string) => {
  const group = addressGroupOf(clientIp);
  return { client: `dsure:ip:${group}`, pair: `dsure:no-ip:${contractNumber}:${group}` };
};
