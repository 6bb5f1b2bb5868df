import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { createRegistrationClient, type RegistrationClient } from "./create-registration-client";
import { dispatchCertificateRegistrations } from "./dispatch-certificate-registrations";

/**
 * Delivers what waits in the registration outbox now, run after run until a run registers nothing (a CLI step — seed,
 * migrate — or a test that needs D-Sure to show what was just concluded). What D-Sure does not take is left, with its
 * retry time, to the app's or the worker's dispatcher. `client` defaults to DSURE_URL or in-process.
 */
export async function drainCertificateRegistrations({
  db,
  client: given,
}: {
  db: Db;
  client?: RegistrationClient;
}): Promise<{ registered: number; waiting: number }> {
  const client = given ?? createRegistrationClient({ url: env().DSURE_URL });
  let registered = 0;
  try {
    for (;;) {
      const r = await dispatchCertificateRegistrations({ db, client });
      registered += r.registered;
      if (r.claimed === 0 || r.registered === 0) break;
    }
  } finally {
    if (!given) await client.close();
  }
  const waiting = await db.certificateRegistration.count({ where: { status: { not: "REGISTERED" } } });
  return { registered, waiting };
}
