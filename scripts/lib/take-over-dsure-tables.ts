import pg from "pg";

/** D-Sure's tables as an older version kept them among the surety's (public), and where they live now. */
const TABLES: { from: string; to: string; where?: string; order: string; serial?: boolean }[] = [
  { from: "DsureCertificate", to: "DsureCertificate", order: `"contractNumber"` },
  { from: "DsureChainEntry", to: "DsureChainEntry", order: `"id"`, serial: true },
  { from: "DsureRegistrationNonce", to: "DsureRegistrationNonce", order: `"issuerCode", "nonce"` },
  { from: "DsureAlarm", to: "DsureAlarm", order: `"id"` },
  // contractId (the surety's contract) is not D-Sure's to keep; issuerCode is left empty for these old rows.
  { from: "DsureAccessLog", to: "DsureAccessLog", order: `"id"`, serial: true },
  { from: "ThrottleCounter", to: "DsureThrottleCounter", where: `"key" LIKE 'dsure:%'`, order: `"key"` },
];

const BATCH = 5_000;

/** Whether the surety's database still holds D-Sure's records of an older version (rows in public."DsureChainEntry"). */
export async function holdsOldDsureRecords(suretyUrl: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: suretyUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ present: boolean }>(`SELECT to_regclass('public."DsureChainEntry"') IS NOT NULL AS "present"`);
    if (!rows[0]?.present) return false;
    return (await c.query(`SELECT 1 FROM public."DsureChainEntry" LIMIT 1`)).rowCount! > 0;
  } finally {
    await c.end();
  }
}

/**
 * One-time step of `applyMigrations`, between D-Sure's migrations and the surety's: when the surety's database still
 * holds D-Sure's tables in `public` (an installation from before D-Sure had its own schema; the surety's migration
 * `dsure_apart` drops them), their rows are copied into D-Sure's tables — in the same database's schema `dsure`, or
 * in D-Sure's own database (DSURE_DATABASE_URL) — before the drop. Rows already there are left as they are, so an
 * interrupted run can be run again. Returns the rows copied per table (empty when there was nothing to take over).
 */
export async function takeOverDsureTables(suretyUrl: string, dsureUrl: string): Promise<Record<string, number>> {
  const source = new pg.Client({ connectionString: suretyUrl });
  await source.connect();
  const target = dsureUrl === suretyUrl ? source : new pg.Client({ connectionString: dsureUrl });
  if (target !== source) await target.connect();
  const copied: Record<string, number> = {};
  try {
    const { rows } = await source.query<{ present: boolean }>(`SELECT to_regclass('public."DsureChainEntry"') IS NOT NULL AS "present"`);
    if (!rows[0]?.present) return copied;
    for (const t of TABLES) {
      let n = 0;
      for (let offset = 0; ; offset += BATCH) {
        const batch = await source.query<{ rows: unknown }>(
          `SELECT coalesce(json_agg(r), '[]'::json) AS "rows" FROM (SELECT * FROM public."${t.from}" ${t.where ? `WHERE ${t.where}` : ""} ORDER BY ${t.order} LIMIT ${BATCH} OFFSET ${offset}) r`,
        );
        const list = batch.rows[0]!.rows as unknown[];
        if (list.length === 0) break;
        const inserted = await target.query(
          `INSERT INTO "dsure"."${t.to}" SELECT * FROM json_populate_recordset(NULL::"dsure"."${t.to}", $1::json) ON CONFLICT DO NOTHING`,
          [JSON.stringify(list)],
        );
        n += inserted.rowCount ?? 0;
        if (list.length < BATCH) break;
      }
      if (t.serial) {
        await target.query(
          `SELECT setval(pg_get_serial_sequence('"dsure"."${t.to}"', 'id'), coalesce((SELECT max("id") FROM "dsure"."${t.to}"), 0) + 1, false)`,
        );
      }
      if (n) copied[t.to] = n;
    }
    return copied;
  } finally {
    if (target !== source) await target.end();
    await source.end();
  }
}
