/**
 * Starts server/serve.ts in this process without a TypeScript loader left behind: esbuild bundles it (and the small
 * pure modules it imports from lib/http) in memory, a few milliseconds, and the bundle is compiled as if it were
 * server/serve.cjs, so `next` and `zod` resolve from node_modules as usual. (Running it under `node --import tsx`
 * kept tsx's resolver hooks in every `require` Next.js makes while it serves: about a third of a millisecond of CPU per
 * request.) `npm start`, `npm run dev`, the e2e, cluster and bench runs all start the app this way.
 */
import path from "node:path";
import Module from "node:module";
import { fileURLToPath } from "node:url";
import esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const { outputFiles } = esbuild.buildSync({
  entryPoints: [path.join(here, "serve.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "warning",
});
const filename = path.join(here, "serve.cjs");
const bundled = new Module(filename);
bundled.filename = filename;
bundled.paths = Module._nodeModulePaths(here);
bundled._compile(outputFiles[0].text, filename);
