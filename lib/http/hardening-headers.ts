/**
 * The hardening headers every answer carries beside its own Content-Security-Policy: set per request on pages by
 * proxy.ts, and fixed on the D-Sure JSON look-up (lib/dsure/lookup-response.ts), which skips the proxy.
 */
export const HARDENING_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  // same-origin: nothing leaks to other sites, and forms posted without JavaScript keep their Origin (server-action CSRF check).
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  ...(process.env.NODE_ENV === "production" ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
};
