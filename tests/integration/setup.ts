/**
 * Runs before each integration test file: a fresh database (copied from the migrated template) becomes
 * DATABASE_URL for everything the file imports, and is dropped afterwards.
 */
import { afterAll, inject } from "vitest";
import { createTestDatabase } from "../support/test-database";

const database = await createTestDatabase(inject("dbTemplate"));
process.env.DATABASE_URL = database.url;
(process.env as Record<string, string>).NODE_ENV = "test";

afterAll(async () => {
  const holder = globalThis as unknown as Record<"__denshiHoshoDb" | "__denshiHoshoDsureDb", { $disconnect(): Promise<void> } | undefined>;
  await Promise.all([holder.__denshiHoshoDb?.$disconnect(), holder.__denshiHoshoDsureDb?.$disconnect()]);
  // The surety's way to D-Sure in this process (an in-process registry with a pool of its own), if a test opened it.
  await (globalThis as unknown as { __denshiHoshoDsureConnection?: { close(): Promise<void> } }).__denshiHoshoDsureConnection?.close();
  await database.stop();
});
