import path from "node:path";
import { ROOT } from "./database-url";

/**
 * The node arguments that start the app's HTTP server (server/serve.ts: Next.js behind the server that decides the
 * client's address), for `spawn(process.execPath, appServerArgs(…))`. Without the react-server condition, as Next
 * expects; tsx loads the TypeScript.
 */
export function appServerArgs({ dev = false, port, extra = [] }: { dev?: boolean; port?: number; extra?: string[] }): string[] {
  return [
    "--import",
    "tsx",
    path.join(ROOT, "server/serve.ts"),
    ...(dev ? ["--dev"] : []),
    ...(port === undefined ? [] : ["-p", String(port)]),
    ...extra,
  ];
}
