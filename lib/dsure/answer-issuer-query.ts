import "server-only";
import { dsureDb, type DsureDb } from "./db";
import { checkIssuerSignature, refuseIssuerRequest, type IssuerRequestRefusal } from "./check-issuer-signature";
import { ZIssuerQuerySchema, type AlarmAnswer, type IssuerQueryAnswer } from "./issuer-query";
import { DSURE_ALARM_ADDRESSES, DSURE_ALARM_WINDOW_MS } from "./scan-dsure-alarms";
import { describeChains } from "./describe-chains";

export type IssuerQueryResult = { ok: true; answer: IssuerQueryAnswer } | IssuerRequestRefusal;

/**
 * D-Sure answers an issuer's signed query (lib/dsure/issuer-query.ts) about the issuer's own certificates only: a
 * number registered by another issuer, or by none, is left out as if it were not asked. Reads D-Sure's own tables.
 */
export async function answerIssuerQuery({ body, db = dsureDb, now = new Date() }: { body: unknown; db?: DsureDb; now?: Date }): Promise<IssuerQueryResult> {
  const parsed = ZIssuerQuerySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return refuseIssuerRequest(400, "invalid_request", "照会要求の形式が正しくありません", { issues });
  }
  const { payload, signature } = parsed.data;
  const checked = checkIssuerSignature({ payload, signature, now, what: "照会要求" });
  if (!checked.ok) return checked;

  const { query, issuer } = payload;
  if (query.kind === "views") {
    const rows = await db.$queryRaw<{ contractNumber: string; first: Date | null; last: Date | null }[]>`
      SELECT c."contractNumber", min(l."at") AS "first", max(l."at") AS "last"
      FROM "dsure"."DsureCertificate" c
      LEFT JOIN "dsure"."DsureAccessLog" l ON l."contractNumber" = c."contractNumber" AND l."outcome" = 'VIEW'
      WHERE c."issuerCode" = ${issuer} AND c."contractNumber" = ANY(${query.contractNumbers}::text[])
      GROUP BY c."contractNumber"`;
    return {
      ok: true,
      answer: {
        kind: "views",
        receipts: rows.map((r) => ({ contractNumber: r.contractNumber, firstViewedAt: r.first?.toISOString() ?? null, lastViewedAt: r.last?.toISOString() ?? null })),
      },
    };
  }
  if (query.kind === "chains") return { ok: true, answer: { kind: "chains", chains: await describeChains({ db, issuer, contractNumbers: query.contractNumbers, now }) } };
  const rows = await db.$queryRaw<{ id: string; contractNumber: string; since: Date; lastFailureAt: Date; failures: number; addresses: number; raisedAt: Date }[]>`
    SELECT a."id"::text AS "id", a."contractNumber", a."since", a."lastFailureAt", a."failures", a."addresses", a."raisedAt"
    FROM "dsure"."DsureAlarm" a
    JOIN "dsure"."DsureCertificate" c ON c."contractNumber" = a."contractNumber" AND c."issuerCode" = ${issuer}
    ORDER BY a."lastFailureAt" DESC
    LIMIT ${query.take}`;
  const alarms: AlarmAnswer[] = rows.map((r) => ({
    id: r.id,
    contractNumber: r.contractNumber,
    since: r.since.toISOString(),
    lastFailureAt: r.lastFailureAt.toISOString(),
    failures: r.failures,
    addresses: r.addresses,
    raisedAt: r.raisedAt.toISOString(),
    active: r.lastFailureAt.getTime() > now.getTime() - DSURE_ALARM_WINDOW_MS,
  }));
  return { ok: true, answer: { kind: "alarms", alarms, threshold: { addresses: DSURE_ALARM_ADDRESSES, windowMinutes: DSURE_ALARM_WINDOW_MS / 60_000 } } };
}
