/**
 * A throw-away database on a PostgreSQL server (tests, e2e, cluster runs on a real server): created, optionally as a
 * copy of a template, and dropped again by `stop()` even while connections are still open.
 */
import pg from "pg";

export interface ScratchDatabase {
  url: string;
  stop(): Promise<void>;
}

/** `url` with its database name replaced by `name`. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function createScratchDatabase({
  serverUrl,
  name,
  template,
}: {
  /** Any database on the server, to connect to while creating and dropping. */
  serverUrl: string;
  /** A name unique to this run (letters, digits and underscores). */
  name: string;
  template?: string;
}): Promise<ScratchDatabase> {
  await onServer(serverUrl, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  return {
    url: withDatabaseName(serverUrl, name),
    stop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
