/**
 * Serves a PGlite database over the Postgres wire protocol, from ONE process.
 * Everything else (Next.js, scripts, tests) connects over TCP with @prisma/adapter-pg: one code path for the
 * embedded engine and a real PostgreSQL server.
 */
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import fs from "node:fs";
import path from "node:path";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Writes the whole data directory as a tarball (for test templates). */
  dump(file: string): Promise<void>;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<dataDir>.lock` exclusively (O_EXCL). A lock left by a dead process is taken over; a live owner makes
 * this throw, so two processes never open the same PGlite folder (which would lose writes).
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (owner && (owner === process.pid || pidAlive(owner))) {
        throw new DataDirLockedError(
          `組み込みデータベース ${dataDir} は別のプロセス (PID ${owner}) が使用中です。` +
            `そのプロセスを終了してから起動してください。 / The embedded database folder is in use by PID ${owner}; ` +
            `stop that process first (two processes on one PGlite folder would lose data).`,
        );
      }
      fs.unlinkSync(lockPath); // stale lock from a process that died
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

export async function startEmbeddedPostgres(opts: {
  dataDir?: string; // undefined = in memory (tests)
  port?: number; // 0 = any free port
  host?: string;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  const release = opts.dataDir ? acquireLock(opts.dataDir) : () => {};
  try {
    const db = opts.dataDir ? await PGlite.create(opts.dataDir) : await PGlite.create();
    const server = new PGLiteSocketServer({
      db,
      port: opts.port ?? 0,
      host: opts.host ?? "127.0.0.1",
      maxConnections: opts.maxConnections ?? 64,
    });
    await server.start();
    const conn = server.getServerConn();
    const port = Number(conn.split(":").pop());
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      port,
      async dump(file: string) {
        const blob = await db.dumpDataDir("gzip");
        fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
      },
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
