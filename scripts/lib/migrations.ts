/**
 * Prisma migrations without the network: the Prisma CLI would download a native schema engine, so we drive the
 * WebAssembly schema engine (pinned to @prisma/client's engine version) through the pg driver adapter, with an
 * in-memory PGlite as the shadow database. The files keep Prisma's standard layout, so `prisma migrate deploy`
 * works unchanged wherever the native engine is available.
 */
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { holdsOldDsureRecords, takeOverDsureTables } from "./take-over-dsure-tables";

const ROOT = path.resolve(__dirname, "../..");
const LOCKFILE = "migration_lock.toml";

/**
 * One history of migrations: its Prisma schema, its folder, and the Postgres schema its tables (and its own
 * `_prisma_migrations`) live in. The surety's and D-Sure's are two such histories (docs/decisions/011): in one
 * database by default, each tracked apart, so either can live in a database of its own.
 */
export type MigrationSet = { name: string; schemaPath: string; migrationsDir: string; dbSchema: string };

export const SURETY_MIGRATIONS: MigrationSet = {
  name: "surety",
  schemaPath: path.join(ROOT, "prisma/schema.prisma"),
  migrationsDir: path.join(ROOT, "prisma/migrations"),
  dbSchema: "public",
};

export const DSURE_MIGRATIONS: MigrationSet = {
  name: "dsure",
  schemaPath: path.join(ROOT, "prisma/dsure/schema.prisma"),
  migrationsDir: path.join(ROOT, "prisma/dsure/migrations"),
  dbSchema: "dsure",
};

type WasmModule = typeof import("@prisma/schema-engine-wasm");
let wasmPromise: Promise<WasmModule> | undefined;

/** The package is wasm-bindgen "bundler" output (ESM importing a .wasm); Node needs the instantiation by hand. */
function loadSchemaEngine(): Promise<WasmModule> {
  wasmPromise ??= (async () => {
    // The engine reports the reason of a Rust panic here before throwing "unreachable".
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        console.error(`schema engine panic: ${message}`);
      },
    };
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = (await import(path.join(dir, "schema_engine_bg.js"))) as Record<string, unknown> & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg as unknown as WasmModule;
  })();
  return wasmPromise;
}

function migrationsList(set: MigrationSet) {
  const MIGRATIONS_DIR = set.migrationsDir;
  fs.mkdirSync(MIGRATIONS_DIR, { recursive: true });
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  const dirs = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? ({ tag: "ok", value: fs.readFileSync(file, "utf8") } as const)
            : ({ tag: "error", value: "missing migration.sql" } as const),
        },
      };
    }),
  };
}

const filters = { externalTables: [], externalEnums: [] };

function schemaFiles(set: MigrationSet) {
  return { files: [{ path: set.schemaPath, content: fs.readFileSync(set.schemaPath, "utf8") }] };
}

/**
 * The schema engine describes a database through catalog queries that return the internal type "char" (OID 18),
 * which @prisma/adapter-pg does not map. For this tooling only: the pool presents such columns as text with a
 * marked name, and the adapter wrapper reports them to the engine as `Character`, as it expects.
 */
const CHAR_MARK = "\u0000char";

async function onOneConnection(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function introspectionPool(connectionString: string, searchPath?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2, ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}) });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        field.name += CHAR_MARK;
      }
    }
    return result;
  };
  return pool;
}

function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (q) => {
    const rs = await queryRaw(q);
    rs.columnNames.forEach((name, i) => {
      if (name.endsWith(CHAR_MARK)) {
        rs.columnNames[i] = name.slice(0, -CHAR_MARK.length);
        rs.columnTypes[i] = ColumnTypeEnum.Character;
      }
    });
    return rs;
  };
  return adapter;
}

async function withEngine<T>(
  set: MigrationSet,
  databaseUrl: string,
  fn: (engine: import("@prisma/schema-engine-wasm").SchemaEngine) => Promise<T>,
  { writing = false }: { writing?: boolean } = {},
): Promise<T> {
  let shadow: EmbeddedPostgres | undefined;
  const opened: SqlDriverAdapter[] = [];
  const track = (a: SqlDriverAdapter) => (opened.push(a), a);
  // The engine keeps a set's history (`_prisma_migrations`) where the connection's search_path points, as the Prisma CLI
  // does for `?schema=dsure`: the set's own schema. It writes a new migration's SQL without the names of the
  // connection's schema, so new SQL is written as seen from `public`: every D-Sure name qualified
  // ("dsure"."TableName"), which runs the same under any search_path.
  const dbSchema = writing ? "public" : set.dbSchema;
  const options = { disposeExternalPool: true, schema: dbSchema };
  const searchPath = dbSchema === "public" ? undefined : `"${dbSchema}"`;
  if (searchPath) {
    // The schema must exist before the history table is made there. On PostgreSQL every connection of the engine
    // gets the search_path at start-up (`options`); the embedded engine ignores start-up options but is one session
    // shared by every connection, so it is SET there once here, and RESET when the engine is done.
    await onOneConnection(databaseUrl, `CREATE SCHEMA IF NOT EXISTS ${searchPath}; SET search_path TO ${searchPath}`);
  }
  const main = new PrismaPg(introspectionPool(databaseUrl, searchPath), options);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(withCharColumns(await main.connect())),
    connectToShadowDb: async () => {
      shadow ??= await startEmbeddedPostgres({});
      return track(withCharColumns(await new PrismaPg(introspectionPool(shadow.url, searchPath), options).connect()));
    },
  };
  const logs: string[] = [];
  const wasm = await loadSchemaEngine();
  const engine = await wasm.SchemaEngine.new(
    { datamodels: schemaFiles(set).files.map((f) => [f.path, f.content] as [string, string]) },
    (msg: string) => logs.push(msg),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } catch (e) {
    if (process.env.DEBUG_MIGRATIONS) console.error(logs.join("\n"));
    throw e;
  } finally {
    engine.free();
    // The engine does not close what it connected: end the pools so the database can be dropped or copied.
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    if (searchPath) await onOneConnection(databaseUrl, "RESET search_path").catch(() => {});
    await shadow?.stop();
  }
}

/** Applies one set's pending migrations; returns the names applied (empty when up to date). */
export async function applyMigrationSet(set: MigrationSet, databaseUrl: string): Promise<string[]> {
  return withEngine(set, databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(set), filters });
    return out.appliedMigrationNames;
  });
}

/**
 * Applies D-Sure's pending migrations (to `dsureUrl`, by default the same database) and then the surety's; returns the
 * names applied, D-Sure's as `dsure/<name>`. D-Sure's go first, then the rows of D-Sure tables an older version kept
 * among the surety's are copied over (takeOverDsureTables), and then the surety's migration drops those tables.
 * `roles` (APP_ROLES) limits it to the histories of the parties this installation serves.
 */
export async function applyMigrations(
  databaseUrl: string,
  { dsureUrl = databaseUrl, roles = ["surety", "dsure"] }: { dsureUrl?: string; roles?: readonly string[] } = {},
): Promise<string[]> {
  const dsure = roles.includes("dsure") ? await applyMigrationSet(DSURE_MIGRATIONS, dsureUrl) : [];
  if (roles.includes("surety")) {
    if (roles.includes("dsure")) {
      const copied = await takeOverDsureTables(databaseUrl, dsureUrl);
      if (Object.keys(copied).length) console.log(`D-Sure の記録を D-Sure のテーブルへ移しました: ${JSON.stringify(copied)}`);
    } else if (await holdsOldDsureRecords(databaseUrl)) {
      throw new Error(
        "このデータベースには以前の版の D-Sure の記録が残っています。先に D-Sure の受け持ちを含めて（APP_ROLES=surety,dsure、" +
          "DSURE_DATABASE_URL に D-Sure のデータベース）npm run db:migrate を実行し、記録を D-Sure へ移してください",
      );
    }
  }
  const surety = roles.includes("surety") ? await applyMigrationSet(SURETY_MIGRATIONS, databaseUrl) : [];
  return [...dsure.map((n) => `dsure/${n}`), ...surety];
}

/**
 * Writes <set's folder>/<timestamp>_<name>/migration.sql with the SQL that takes the set's migration history (replayed
 * on the shadow database) to its schema; returns the folder, or null when there is nothing to change.
 * (The wasm engine's createMigration has no shadow database; `diff` has, through the adapter factory.)
 */
export async function createMigration(set: MigrationSet, databaseUrl: string, name: string): Promise<string | null> {
  return withEngine(
    set,
    databaseUrl,
    async (engine) => {
    const list = migrationsList(set);
    const out = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", ...schemaFiles(set) },
      script: true,
      exitCode: true,
      filters,
    });
    const sql = out.stdout ?? "";
    if (out.exitCode !== 2 || !sql.trim() || /^-- This is an empty migration/.test(sql.trim())) return null;
    const ts = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(set.migrationsDir, `${ts}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    const lock = path.join(set.migrationsDir, LOCKFILE);
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      );
    }
    return dir;
    },
    { writing: true },
  );
}

export async function migrationStatus(set: MigrationSet, databaseUrl: string) {
  return withEngine(set, databaseUrl, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList: migrationsList(set), optInToShadowDatabase: false, filters }),
  );
}
