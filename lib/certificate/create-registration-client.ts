import "server-only";
import { openRegistry, type IssuerQueryAnswer, type ReceiptedEntry, type TIssuerQuery, type TRegistrationRequest } from "@/lib/dsure/registration";

/** D-Sure's answer to one registration request, as the surety's dispatcher needs it. */
export type RegistrationAnswer =
  | { ok: true; entries: ReceiptedEntry[] }
  /**
   * Not registered. `retry`: worth trying again as it is (D-Sure unreachable or busy, a clock or nonce mishap);
   * otherwise D-Sure refused the entries themselves, and trying again changes nothing until someone acts.
   */
  | { ok: false; retry: boolean; reason: string };

/** D-Sure's answer to a signed query about our own certificates; not ok when D-Sure is away or refuses. */
export type QueryAnswer = { ok: true; answer: IssuerQueryAnswer } | { ok: false; reason: string };

export type RegistrationClient = {
  send(request: TRegistrationRequest): Promise<RegistrationAnswer>;
  /** A signed question about our own certificates (発注者の閲覧, 照会の警告). */
  query(request: TIssuerQuery): Promise<QueryAnswer>;
  /** Ends what the client opened (the in-process registry's connections); a CLI step calls it before it returns. */
  close(): Promise<void>;
};

/** Refusals that may pass when the same entries are sent again in a new request. */
const PASSING_REFUSALS = new Set(["stale_timestamp", "replayed"]);

const REQUEST_TIMEOUT_MS = 15_000;
/** A query is asked while a page is drawn: it waits less. */
const QUERY_TIMEOUT_MS = 3_000;

/**
 * The surety's way to D-Sure's registration interface: over HTTP (POST {url}/api/dsure/v1/registrations) when D-Sure
 * runs apart (`url`, from DSURE_URL), or the same acceptance code in-process when both run in one app (openRegistry, on
 * D-Sure's own database). Either way D-Sure gets the same signed request and checks it the same way.
 */
export function createRegistrationClient({ url }: { url?: string }): RegistrationClient {
  if (!url) {
    const registry = openRegistry();
    return {
      close: () => registry.close(),
      async query(request) {
        const result = await registry.query(request);
        return result.ok ? { ok: true, answer: result.answer } : { ok: false, reason: `${result.error}: ${result.message}` };
      },
      async send(request) {
        const result = await registry.accept(request);
        if (result.ok) return { ok: true, entries: result.entries };
        return { ok: false, retry: PASSING_REFUSALS.has(result.error), reason: `${result.error}: ${result.message}${detailsOf(result.details)}` };
      },
    };
  }
  const endpoint = new URL("/api/dsure/v1/registrations", url).toString();
  const queries = new URL("/api/dsure/v1/issuer-queries", url).toString();
  return {
    close: async () => {},
    async query(request) {
      try {
        const response = await fetch(queries, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
        });
        const body = (await response.json().catch(() => null)) as (IssuerQueryAnswer & { error?: string; message?: string }) | null;
        if (response.ok && body && "kind" in body) return { ok: true, answer: body };
        return { ok: false, reason: body?.error ? `${body.error}: ${body.message ?? ""}` : `unavailable: D-Sure が応答しません (HTTP ${response.status})` };
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        return { ok: false, reason: `unreachable: D-Sure に接続できません (${cause ?? (e as Error).name})` };
      }
    },
    async send(request) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        return { ok: false, retry: true, reason: `unreachable: D-Sure に接続できません (${cause ?? (e as Error).name})` };
      }
      const body = (await response.json().catch(() => null)) as { entries?: ReceiptedEntry[]; error?: string; message?: string; details?: unknown } | null;
      if (response.ok && Array.isArray(body?.entries)) return { ok: true, entries: body.entries };
      if (response.status >= 500 || response.status === 429 || !body?.error) {
        return { ok: false, retry: true, reason: `unavailable: D-Sure が応答しません (HTTP ${response.status})` };
      }
      return { ok: false, retry: PASSING_REFUSALS.has(body.error), reason: `${body.error}: ${body.message ?? ""}${detailsOf(body.details)}` };
    },
  };
}

function detailsOf(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const problem = (details as { problem?: unknown }).problem;
  return typeof problem === "string" ? ` (${problem})` : "";
}
