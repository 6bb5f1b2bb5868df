import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const ROOT = path.resolve(__dirname, "../..");
export const DATA_DIR = path.join(ROOT, ".data");
export const EMBEDDED_DIR = process.env.EMBEDDED_DB_DIR ?? path.join(DATA_DIR, "pglite");
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_DB_PORT ?? 5433);

/**
 * Runs `fn` against DATABASE_URL, or — when it is not set — against the embedded engine. If `npm run dev` is already
 * serving the embedded engine, we connect to it over TCP instead of opening its folder a second time.
 */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = await embeddedUrlIfRunning();
  if (running) return fn(running);
  const pg = await startEmbeddedPostgres({ dataDir: EMBEDDED_DIR, port: 0 });
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}

export async function embeddedUrlIfRunning(): Promise<string | null> {
  const fs = await import("node:fs");
  const lock = `${EMBEDDED_DIR}.lock`;
  const portFile = path.join(DATA_DIR, "pglite.port");
  if (!fs.existsSync(lock) || !fs.existsSync(portFile)) return null;
  const pid = Number(fs.readFileSync(lock, "utf8"));
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const port = Number(fs.readFileSync(portFile, "utf8"));
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}
