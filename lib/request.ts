import "server-only";

/**
 * The client's address, as the app's HTTP server (server/serve.ts) decided it from the socket and TRUSTED_PROXIES:
 * it replaces X-Forwarded-For with that one address before Next.js sees the request, so nothing a client writes
 * reaches here. (The last hop is read, as a guard, should the app ever run behind plain `next start`.) Used for the
 * logins' and D-Sure's limits, the ID登録申請 limit and the D-Sure access log.
 */
export function clientIpFrom(headers: Headers): string {
  const xff = headers.get("x-forwarded-for");
  if (xff) {
    const hops = xff.split(",").map((s) => s.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1]!.slice(0, 64);
  }
  return (headers.get("x-real-ip") ?? "unknown").slice(0, 64);
}

export function userAgentFrom(headers: Headers): string | null {
  return headers.get("user-agent")?.slice(0, 512) ?? null;
}
