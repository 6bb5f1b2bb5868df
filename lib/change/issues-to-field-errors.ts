import type { ChangeIssue } from "./check-change-values";

/** Rule problems found by a domain function, in the `{ field: messages[] }` shape the forms show. */
export function issuesToFieldErrors(issues: readonly ChangeIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { path, message } of issues) {
    const list = (out[path] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return out;
}
