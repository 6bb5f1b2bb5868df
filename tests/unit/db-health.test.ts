import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answerOutage, databaseAvailable, databaseMarkedDown, isDatabaseUnreachableError, markDatabaseDown, OUTAGE_FORM_MESSAGE, setDatabaseProbe } from "@/lib/db-health";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("isDatabaseUnreachableError", () => {
  it("knows the ways a lost database shows up, also when wrapped", () => {
    expect(isDatabaseUnreachableError(refused)).toBe(true);
    expect(isDatabaseUnreachableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnreachableError(Object.assign(new Error("x"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnreachableError(new Error("query failed", { cause: new Error("read ECONNRESET") }))).toBe(true);
    expect(isDatabaseUnreachableError(Object.assign(new Error("Can't reach database server"), { code: "P1001" }))).toBe(true);
  });
  it("does not mistake a wrong query or a domain error for an outage", () => {
    expect(isDatabaseUnreachableError(new Error('relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnreachableError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnreachableError(null)).toBe(false);
    expect(isDatabaseUnreachableError("ECONNREFUSED")).toBe(false);
  });
});

describe("the circuit", () => {
  let now = 1_000_000;
  let up = false;
  const probe = vi.fn(async () => {
    if (!up) throw refused;
  });

  beforeEach(async () => {
    vi.spyOn(Date, "now").mockImplementation(() => now);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    setDatabaseProbe(probe);
    // Close the circuit left by an earlier test.
    up = true;
    now += 10_000;
    await databaseAvailable();
    probe.mockClear();
    up = false;
  });
  afterEach(() => vi.restoreAllMocks());

  it("stays closed for errors that are not about reaching the database", async () => {
    markDatabaseDown(new Error("syntax error at or near"));
    expect(databaseMarkedDown()).toBe(false);
    expect(await databaseAvailable()).toBe(true);
    expect(probe).not.toHaveBeenCalled();
  });

  it("opens on a lost connection, probes at most once a second, and closes when a probe succeeds", async () => {
    markDatabaseDown(refused);
    expect(databaseMarkedDown()).toBe(true);
    expect(await databaseAvailable()).toBe(false);
    expect(await databaseAvailable()).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    now += 1_000;
    up = true;
    const [a, b] = await Promise.all([databaseAvailable(), databaseAvailable()]);
    expect([a, b]).toEqual([true, true]);
    expect(probe).toHaveBeenCalledTimes(2); // concurrent callers share one probe
    expect(databaseMarkedDown()).toBe(false);
  });

  it("answerOutage turns an unreachable database into the form's own answer, and rethrows anything else", async () => {
    await expect(answerOutage(() => Promise.reject(refused), () => ({ message: OUTAGE_FORM_MESSAGE }))).resolves.toEqual({ message: OUTAGE_FORM_MESSAGE });
    expect(databaseMarkedDown()).toBe(true);
    await expect(answerOutage(() => Promise.reject(new Error("bug")), () => ({}))).rejects.toThrow("bug");
    await expect(answerOutage(async () => 42, () => 0)).resolves.toBe(42);
  });
});
