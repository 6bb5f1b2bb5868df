import "server-only";
import { createDsureClient, dsureDatabaseUrl, type DsureDb } from "./db";
import { acceptRegistrationRequest, type RegistrationResult } from "./accept-registration-request";
import { answerIssuerQuery, type IssuerQueryResult } from "./answer-issuer-query";

export type Registry = {
  /** The same door as POST /api/dsure/v1/registrations: a signed request, checked before anything is kept. */
  accept(body: unknown): Promise<RegistrationResult>;
  /** The same door as POST /api/dsure/v1/issuer-queries: a signed question about the issuer's own certificates. */
  query(body: unknown): Promise<IssuerQueryResult>;
  /** Ends the registry's connections (a CLI step calls it before it returns; the app keeps its registry open). */
  close(): Promise<void>;
};

/**
 * D-Sure in the same process: the surety's registration client hands it signed requests exactly as it would send them
 * over HTTP. The registry opens its own small pool on D-Sure's database (DSURE_DATABASE_URL, or DATABASE_URL's
 * `dsure` schema) on first use; `db` is for tests that act as a given D-Sure instance.
 */
export function openRegistry({ db }: { db?: DsureDb } = {}): Registry {
  let own: DsureDb | undefined;
  const client = () => db ?? (own ??= createDsureClient(dsureDatabaseUrl(), 2));
  return {
    accept: (body) => acceptRegistrationRequest({ body, db: client() }),
    query: (body) => answerIssuerQuery({ body, db: client() }),
    async close() {
      const opened = own;
      own = undefined;
      await opened?.$disconnect();
    },
  };
}
