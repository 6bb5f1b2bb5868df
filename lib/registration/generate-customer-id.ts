import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db";

/**
 * Our rule for a new お客様ID: `c` + 7 random digits (c0000000–c9999999), unused so far. Random rather than
 * sequential so an id says nothing about how many customers there are. Ten million ids leave collisions rare;
 * the unique index decides in the end (the caller retries on a unique violation).
 */
export async function generateCustomerId(client: Db | Tx): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = `c${String(crypto.randomInt(0, 10_000_000)).padStart(7, "0")}`;
    const taken = await client.contractorUser.findUnique({ where: { customerId: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  throw new Error("could not find a free customer id");
}
