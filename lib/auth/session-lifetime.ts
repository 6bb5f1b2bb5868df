import type { Principal } from "./authenticate";

/**
 * How long a session may live at most, however active (docs/decisions/013): a contractor's 12 hours, staff's 8 (a
 * working day). The idle expiry (SESSION_IDLE_MINUTES) ends it sooner when it is left alone; nothing renews it past
 * this.
 */
export const SESSION_ABSOLUTE_HOURS: Record<Principal["kind"], number> = { contractor: 12, staff: 8 };

export function sessionExpiryOf(kind: Principal["kind"], from: Date): Date {
  return new Date(from.getTime() + SESSION_ABSOLUTE_HOURS[kind] * 60 * 60 * 1000);
}
