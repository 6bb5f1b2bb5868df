import { z } from "zod";

/**
 * What this process serves (APP_ROLES): the surety's app (e-Net保証, the back office, their APIs, the outboxes) and/or
 * D-Sure (its page, its API, its registry and housekeeping). One build, three layouts: both (the default), the surety
 * alone (D-Sure reached at DSURE_URL), D-Sure alone. Framework-free and free of secrets, so the proxy can read it.
 */
export const APP_ROLE_NAMES = ["surety", "dsure"] as const;
export type AppRole = (typeof APP_ROLE_NAMES)[number];

export const ZAppRolesSchema = z
  .string()
  .default("surety,dsure")
  .transform((v) => [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.enum(APP_ROLE_NAMES, { message: "must name surety and/or dsure, comma-separated" })).min(1, "must name surety and/or dsure"));

/** The roles named by APP_ROLES (unset: both). An invalid value serves both here; env() refuses it at start. */
export function appRoles(source: string | undefined = process.env.APP_ROLES): readonly AppRole[] {
  const parsed = ZAppRolesSchema.safeParse(source === "" ? undefined : source);
  return parsed.success ? parsed.data : APP_ROLE_NAMES;
}

export const hostsRole = (role: AppRole, source?: string): boolean => appRoles(source).includes(role);

/** The role a path belongs to: D-Sure's page and API, or the surety's portals and APIs; null for what both serve. */
export function roleOfPath(pathname: string): AppRole | null {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  if (under("/dsure") || under("/api/dsure")) return "dsure";
  if (under("/enet") || under("/admin") || under("/api/enet") || under("/api/auth") || under("/dev")) return "surety";
  return null;
}
