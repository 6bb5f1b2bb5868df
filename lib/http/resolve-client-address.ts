import { cidrContains, formatIp, parseIp, type Cidr } from "./ip-address";

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then X-Forwarded-For is walked from the
 * right, past every trusted proxy, and the first address that is not one is the client. A value the client wrote
 * itself sits to the left of what our proxies appended and is never reached while an untrusted hop stands between.
 * When every hop is trusted (or the header is missing or malformed past the trusted ones) the leftmost trusted
 * address we reached is the answer: never a value nobody vouched for.
 */
export function resolveClientAddress({ peer, forwardedFor, trusted }: { peer: string; forwardedFor: string | null | undefined; trusted: Cidr[] }): string {
  const peerBytes = parseIp(peer);
  if (!peerBytes) return peer.slice(0, 64) || "unknown";
  const isTrusted = (b: Uint8Array) => trusted.some((c) => cidrContains(c, b));
  let current = peerBytes;
  if (!isTrusted(current) || !forwardedFor) return formatIp(current);
  const hops = forwardedFor.split(",").map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp(hops[i]!);
    if (!hop) break; // garbage: stop at the last address a trusted proxy vouched for
    current = hop;
    if (!isTrusted(current)) break;
  }
  return formatIp(current);
}

