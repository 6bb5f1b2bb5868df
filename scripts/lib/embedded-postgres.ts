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

/** The queue inside PGLiteSocketServer (private in its typings). */
interface QueueItem {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(e: unknown): void;
  onData(data: Uint8Array): void;
}
interface SocketQueue {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

// Parse, Bind, Describe, Execute, Close, Flush: they use the session's unnamed statement and portal until Sync.
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;
const TERMINATE = 0x58;

/**
 * PGlite is ONE Postgres session shared by every TCP connection. pglite-socket keeps a connection's transaction
 * together, but outside a transaction it interleaves the messages of an extended-protocol exchange (Parse … Sync)
 * with other connections' — and then one client's Bind/Execute runs against another's unnamed statement or portal
 * (seen as `portal "" cannot be run` or parameters of the wrong type). This replaces the queue's scheduler so a
 * connection that has started an exchange keeps the session until its Sync, just as it does for transactions.
 */
function keepExchangesTogether(q: SocketQueue): void {
  let exchangeOwner: number | null = null;
  q.processQueue = async function processQueue(this: SocketQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = exchangeOwner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        let item: QueueItem | undefined;
        if (owner !== null) {
          const i = this.queue.findIndex((x) => x.handlerId === owner);
          if (i === -1) break; // the owner's next message has not arrived yet: wait for it
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const type = item.message[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item!.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item!.onData(data);
              },
            }),
          );
        } catch (e) {
          if (exchangeOwner === item.handlerId) exchangeOwner = null;
          item.reject(e);
          continue;
        }
        if (EXTENDED.has(type)) exchangeOwner = item.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY || type === TERMINATE) {
          if (exchangeOwner === item.handlerId) exchangeOwner = null;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    if (exchangeOwner === handlerId) exchangeOwner = null; // a client that left mid-exchange releases the session
    await clear(handlerId);
    await q.processQueue();
  };
}

/** A PGlite socket server with the scheduling fix above (≥ 10 connections; 64 by default). */
export function socketServer(db: PGlite, opts: { port?: number; host?: string; maxConnections?: number } = {}): PGLiteSocketServer {
  const server = new PGLiteSocketServer({ db, port: opts.port ?? 0, host: opts.host ?? "127.0.0.1", maxConnections: opts.maxConnections ?? 64 });
  keepExchangesTogether((server as unknown as { queryQueue: SocketQueue }).queryQueue);
  return server;
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
    const server = socketServer(db, { port: opts.port ?? 0, host: opts.host, maxConnections: opts.maxConnections });
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
