import path from "node:path";
import { ROOT } from "./database-url";

/**
 * The node arguments that start the app's HTTP server (server/serve.ts: Next.js behind the server that decides the
 * client's address), for `spawn(process.execPath, appServerArgs(…))`. Without the react-server condition, as Next
 * expects, and without a TypeScript loader (server/start.mjs bundles serve.ts in memory).
 */
export function appServerArgs({ dev = false, port, extra = [] }: { dev?: boolean; port?: number; extra?: string[] }): string[] {
  return [
    path.join(ROOT, "server/start.mjs"),
    ...(dev ? ["--dev"] : []),
    ...(port === undefined ? [] : ["-p", String(port)]),
    ...extra,
  ];
}
