/** 「あと約N分」 for messages: whole minutes until `until`, at least 1. */
export function minutesUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
