/**
 * Whether this process can reach the database, as a circuit breaker shared by the request proxy and the server code.
 *
 * The pool reports a lost connection the moment Postgres goes away (idle clients emit 'error'), and a query that
 * cannot connect reports it too; from then on `proxy.ts` answers every request that needs the database with a
 * Japanese 503 page (or JSON for /api) instead of rendering a page that would fail half-way. While the database is
 * marked down, at most one probe (`SELECT 1`) runs per second; the first that succeeds closes the circuit, so the app
 * serves again without a restart. While the database is up this costs one boolean check per request.
 *
 * The state lives on globalThis: the proxy and the pages are bundled separately but run in one Node.js process.
 */

type Probe = () => Promise<unknown>;

interface HealthState {
  down: boolean;
  since: number;
  lastProbeAt: number;
  probing: Promise<void> | null;
  probe: Probe | null;
}

const KEY = Symbol.for("denshi-hosho.db-health");
const holder = globalThis as unknown as Record<symbol, HealthState | undefined>;
const state: HealthState = (holder[KEY] ??= { down: false, since: 0, lastProbeAt: 0, probing: null, probe: null });

const PROBE_INTERVAL_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

/** Errors that mean "the database cannot be reached" rather than "this query is wrong". */
const UNREACHABLE = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Can't reach database server",
  "Client has encountered a connection error",
  "terminating connection due to administrator command",
  "the database system is shutting down",
  "the database system is starting up",
  "DatabaseNotReachable",
  "ConnectionClosed",
];
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "57P01", "57P02", "57P03", "08000", "08003", "08006"]);

export function isDatabaseUnreachableError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== "object") return false;
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; originalCode?: unknown };
    if (typeof o.code === "string" && UNREACHABLE_CODES.has(o.code)) return true;
    if (typeof o.originalCode === "string" && UNREACHABLE_CODES.has(o.originalCode)) return true;
    if (typeof o.kind === "string" && UNREACHABLE.includes(o.kind)) return true;
    const message = typeof o.message === "string" ? o.message : "";
    if (UNREACHABLE.some((m) => message.includes(m))) return true;
    e = o.cause;
  }
  return false;
}

/** Called by the pool (lost connection) and by callers that saw an unreachable-database error. */
export function markDatabaseDown(error?: unknown) {
  if (error !== undefined && !isDatabaseUnreachableError(error)) return;
  if (!state.down) {
    state.down = true;
    state.since = Date.now();
    state.lastProbeAt = 0;
    console.error(`[db] データベースに接続できません — requests answer 503 until it is back (${describe(error)})`);
  }
}

/** Registers how to probe the database (lib/db does, with its own pool). */
export function setDatabaseProbe(probe: Probe) {
  state.probe = probe;
}

/**
 * True unless the database is known to be down. When it is, probes it (at most once a second, shared by concurrent
 * callers) and returns the probe's answer.
 */
export async function databaseAvailable(): Promise<boolean> {
  if (!state.down) return true;
  if (!state.probe) return false;
  if (!state.probing && Date.now() - state.lastProbeAt >= PROBE_INTERVAL_MS) {
    state.lastProbeAt = Date.now();
    const probe = state.probe;
    state.probing = withTimeout(probe(), PROBE_TIMEOUT_MS)
      .then(() => {
        if (state.down) console.error(`[db] データベースに再接続しました (down ${Math.round((Date.now() - state.since) / 1000)} s)`);
        state.down = false;
      })
      .catch(() => undefined)
      .finally(() => {
        state.probing = null;
      });
  }
  if (state.probing) await state.probing;
  return !state.down;
}

/** For tests. */
export function databaseMarkedDown() {
  return state.down;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("probe timeout")), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

function describe(error: unknown) {
  if (error && typeof error === "object" && "message" in error) return String((error as Error).message).slice(0, 200);
  return "connection lost";
}

/** What a form says when its action could not reach the database: nothing saved, everything typed kept. */
export const OUTAGE_FORM_MESSAGE =
  "ただいまシステムに接続できないため、保存できませんでした。入力内容はこのまま残っています。しばらく待ってから、もう一度お試しください。";

/**
 * Runs a server action's body; if the database turns out to be unreachable, opens the circuit and answers with
 * `outage()` (the form's state with what the user typed) instead of the error page, which would lose the input.
 */
export async function answerOutage<T>(run: () => Promise<T>, outage: () => T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!outageFormMessage(e)) throw e;
    return outage();
  }
}

/** For an action's error mapping: OUTAGE_FORM_MESSAGE (and the circuit opened) when `e` is an unreachable database. */
export function outageFormMessage(e: unknown): string | null {
  if (!isDatabaseUnreachableError(e)) return null;
  markDatabaseDown(e);
  return OUTAGE_FORM_MESSAGE;
}
