import "server-only";
import path from "node:path";

/**
 * The development mailbox folder (DEV_MAILBOX_DIR, set by `npm run dev` for its SMTP server), or null: outside
 * development, or when mail goes to a real SMTP server, /dev/mailbox does not exist (404).
 */
export function devMailboxDir(): string | null {
  if (process.env.NODE_ENV !== "development") return null;
  const dir = process.env.DEV_MAILBOX_DIR;
  return dir ? path.resolve(dir) : null;
}

/** File names the development SMTP server writes: `<milliseconds>-<random>.eml`; the id is the name without `.eml`. */
const ID = /^[0-9]{1,16}-[a-z0-9]{1,16}$/;

export function isDevMailId(id: string): boolean {
  return ID.test(id);
}

/** The file of a mail id, or null for anything that is not an id (path traversal, other files). */
export function devMailPath(dir: string, id: string): string | null {
  if (!isDevMailId(id)) return null;
  const file = path.join(dir, `${id}.eml`);
  return path.dirname(file) === dir ? file : null;
}
