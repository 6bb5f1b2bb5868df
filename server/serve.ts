/**
 * The app's HTTP server (`npm start`; `npm run dev`, the e2e, cluster and bench runs use it too): Next.js's request
 * handler behind a plain Node server that decides who the client is. Route handlers and server actions cannot see the
 * socket, so this server replaces X-Forwarded-For with one address: the TCP peer, or — only when the peer is one of
 * TRUSTED_PROXIES — the client that proxy reports (resolveClientAddress). Whatever the client wrote into
 * X-Forwarded-For, X-Real-IP or Forwarded is dropped before the app sees the request.
 *
 *   node server/start.mjs [--dev] [-p PORT] [-H HOST]      (start.mjs bundles this file in memory and runs it)
 *
 * Deliberately free of the app's server-only modules: it runs without the react-server condition, as Next expects.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { z } from "zod";
import { parseCidrList } from "../lib/http/ip-address";
import { resolveClientAddress } from "../lib/http/resolve-client-address";

const ROOT = path.resolve(__dirname, "..");

const ZServerEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().min(1).optional(),
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text, ctx) => {
      try {
        return parseCidrList(text);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
});

function argValue(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
}

async function main() {
  const args = process.argv.slice(2);
  const dev = args.includes("--dev");
  const parsed = ZServerEnvSchema.safeParse({
    ...process.env,
    PORT: argValue(args, "-p", "--port") ?? process.env.PORT,
    HOSTNAME: argValue(args, "-H", "--hostname") ?? process.env.HOSTNAME,
  });
  if (!parsed.success) {
    console.error(`[server] 設定が正しくありません。\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exit(1);
  }
  const { PORT: port, HOSTNAME: hostname, TRUSTED_PROXIES: trusted } = parsed.data;

  const app = next({ dev, dir: ROOT, port, hostname: hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    const forwarded = req.headers["x-forwarded-for"];
    const client = resolveClientAddress({
      peer: req.socket.remoteAddress ?? "",
      forwardedFor: Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
      trusted,
    });
    req.headers["x-forwarded-for"] = client;
    delete req.headers["x-real-ip"];
    delete req.headers["forwarded"];
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than a load balancer's idle timeout (nginx keepalive_timeout 60 s)
  server.listen(port, hostname, () => {
    const where = hostname ?? "localhost";
    console.log(`[server] http://${where}:${port} (${dev ? "development" : "production"}; trusted proxies: ${trusted.length ? (process.env.TRUSTED_PROXIES ?? "").trim() : "none"})`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests still running get a few seconds; then the process ends regardless.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
