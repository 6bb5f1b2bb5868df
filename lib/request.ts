import "server-only";

/**
 * The client's address as the last hop of X-Forwarded-For: `next start` fills that header with the socket peer when
 * it is absent, and a reverse proxy in front (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`) overwrites
 * it, so the value cannot be chosen by the client in production. Used for throttling and the D-Sure access log.
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
