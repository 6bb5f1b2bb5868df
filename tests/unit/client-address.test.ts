import { describe, expect, it } from "vitest";
import { addressGroupOf, normalizeIp, parseCidr, parseCidrList } from "@/lib/http/ip-address";
import { resolveClientAddress } from "@/lib/http/resolve-client-address";

const trusted = (text: string) => parseCidrList(text);

describe("addresses", () => {
  it("reads IPv4, IPv6 and IPv4-mapped IPv6, printed canonically", () => {
    expect(normalizeIp("192.0.2.7")).toBe("192.0.2.7");
    expect(normalizeIp("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeIp("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(normalizeIp("::1")).toBe("::1");
    expect(normalizeIp("::")).toBe("::");
    expect(normalizeIp("[2001:db8::5]")).toBe("2001:db8::5");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
    // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d: the same client as a.b.c.d.
    expect(normalizeIp("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(normalizeIp("::FFFF:c000:0207")).toBe("192.0.2.7");
  });

  it("refuses what is not an address", () => {
    for (const bad of ["", "unknown", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1.2.3.4, 5.6.7.8"]) {
      expect(normalizeIp(bad), bad).toBeNull();
    }
  });

  it("groups an IPv6 client by its /64 and keeps IPv4 (also mapped) as it is", () => {
    expect(addressGroupOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressGroupOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressGroupOf("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(addressGroupOf("203.0.113.9")).toBe("203.0.113.9");
    expect(addressGroupOf("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("reads CIDRs and refuses malformed ones by name", () => {
    expect(parseCidr("10.0.0.0/8")?.bits).toBe(104);
    expect(parseCidr("192.0.2.7")?.bits).toBe(128);
    expect(parseCidr("2001:db8::/32")?.bits).toBe(32);
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidrList("")).toEqual([]);
    expect(parseCidrList(" 10.0.0.0/8, 2001:db8::/32 127.0.0.1 ")).toHaveLength(3);
    expect(() => parseCidrList("10.0.0.0/8, nginx")).toThrow(/nginx/);
  });
});

describe("resolveClientAddress", () => {
  it("with no trusted proxy, is the socket peer whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress({ peer: "203.0.113.9", forwardedFor: "198.51.100.1", trusted: [] })).toBe("203.0.113.9");
    expect(resolveClientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "10.9.9.9, 1.2.3.4", trusted: [] })).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, is the address that proxy appended", () => {
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.9", trusted: trusted("10.0.0.0/24") })).toBe("203.0.113.9");
    expect(resolveClientAddress({ peer: "::ffff:10.0.0.2", forwardedFor: "2001:db8::7", trusted: trusted("10.0.0.2") })).toBe("2001:db8::7");
  });

  it("walks a chain through two trusted proxies from the right", () => {
    // client → CDN edge (192.0.2.10) → nginx (10.0.0.2) → app. nginx appends the edge, the edge appended the client.
    const t = trusted("10.0.0.0/24, 192.0.2.0/28");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.9, 192.0.2.10", trusted: t })).toBe("203.0.113.9");
  });

  it("never reaches a spoofed leftmost value: the first untrusted hop from the right is the client", () => {
    const t = trusted("10.0.0.0/24");
    // The client sent "X-Forwarded-For: 1.1.1.1"; nginx appended the real peer 203.0.113.9.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "1.1.1.1, 203.0.113.9", trusted: t })).toBe("203.0.113.9");
    // A spoofed value that claims to be a trusted proxy does not move the answer past the real hop either.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.5, 1.1.1.1, 203.0.113.9", trusted: t })).toBe("203.0.113.9");
  });

  it("stops at the last vouched-for address when the header is garbage or all trusted", () => {
    const t = trusted("10.0.0.0/24");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "garbage", trusted: t })).toBe("10.0.0.2");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "203.0.113.9, not-an-ip", trusted: t })).toBe("10.0.0.2");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.0.0.3", trusted: t })).toBe("10.0.0.3");
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: null, trusted: t })).toBe("10.0.0.2");
  });
});
