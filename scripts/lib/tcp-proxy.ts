/**
 * A TCP relay in front of Postgres that a test can cut, for the fault tests (tests/cluster): the app's DATABASE_URL
 * points here, so "Postgres stopped" can be simulated on a shared server without stopping it for anyone else.
 *
 * - `down()`: every open connection is dropped and new ones are refused (the listener closes: ECONNREFUSED), as when
 *   Postgres stops. `up()` listens again on the same port.
 * - `cutInTransaction(n)`: the next connection that, inside a transaction (after BEGIN), sends its n-th INSERT has
 *   that INSERT relayed and is then dropped — Postgres sees a transaction that wrote rows and never committed.
 *
 * It reads only the first bytes of each client message (protocol type + query text) and never changes them.
 */
import net from "node:net";

export interface TcpProxy {
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Arms a one-shot cut: the connection is dropped right after relaying its n-th INSERT inside a transaction. */
  cutInTransaction(nthInsert: number): void;
  stats(): { connections: number; open: number; cuts: number; isDown: boolean; armed: boolean };
  stop(): Promise<void>;
}

export async function startTcpProxy({ host, port: upstreamPort, listenPort = 0 }: { host: string; port: number; listenPort?: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let connections = 0;
  let cuts = 0;
  let isDown = false;
  let armed: number | null = null;

  const onConnection = (client: net.Socket) => {
    if (isDown) return client.destroy();
    connections++;
    const upstream = net.connect({ host, port: upstreamPort });
    open.add(client);
    open.add(upstream);
    let inTransaction = false;
    let inserts = 0;
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("data", (chunk: Buffer) => {
      let cut = false;
      if (armed !== null) {
        // Messages are 'Q' (simple query) or 'P' (parse) followed by length and the SQL text: a text scan is enough.
        const text = chunk.toString("latin1");
        if (/\bBEGIN\b/i.test(text)) inTransaction = true;
        if (inTransaction && /\bINSERT\s+INTO\b/i.test(text)) {
          inserts += (text.match(/\bINSERT\s+INTO\b/gi) ?? []).length;
          if (inserts >= armed) cut = true;
        }
        if (/\b(COMMIT|ROLLBACK)\b/i.test(text)) {
          inTransaction = false;
          inserts = 0;
        }
      }
      upstream.write(chunk);
      if (cut) {
        armed = null;
        cuts++;
        // Let the INSERT reach the server, then drop both sides before the COMMIT can.
        setTimeout(close, 50);
        client.pause();
      }
    });
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", close);
    upstream.on("close", close);
  };

  let server = net.createServer(onConnection);
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(listenPort);

  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    async down() {
      isDown = true;
      for (const s of open) s.destroy();
      open.clear();
      await closeServer();
    },
    async up() {
      if (!isDown) return;
      server = net.createServer(onConnection);
      await listen(port);
      isDown = false;
    },
    cutInTransaction(n) {
      armed = n;
    },
    stats: () => ({ connections, open: open.size / 2, cuts, isDown, armed: armed !== null }),
    async stop() {
      for (const s of open) s.destroy();
      if (!isDown) await closeServer();
    },
  };
}
