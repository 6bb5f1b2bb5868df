import "server-only";
import type { Db, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { PasswordLinkPurpose } from "@/lib/generated/prisma/enums";

/** How long a link works from the moment its mail is sent: a first password 24 h, a reset 1 h. */
export const PASSWORD_LINK_TTL_MS: Record<PasswordLinkPurpose, number> = { SETUP: 24 * 60 * 60 * 1000, RESET: 60 * 60 * 1000 };

/** What stands in a stored mail where the link's token goes: the dispatcher puts the token in when it sends. */
export const LINK_TOKEN_PLACEHOLDER = "LINK-TOKEN-MADE-AT-SEND";

/**
 * A single-use link to set the password (a contractor's at /enet/setup-password, a staff member's at
 * /admin/setup-password), for a mail written in the same transaction: the row (no token yet) and the
 * link with a placeholder. Pass `tokenId` to enqueueMail as `linkTokenId`: the token is made when the mail is sent
 * (issueLinkToken), so no usable token rests in the outbox, and the link works for PASSWORD_LINK_TTL_MS from then.
 */
export async function createPasswordSetupToken(
  tx: Db | Tx,
  options: ({ userId: string } | { staffUserId: string }) & { purpose?: PasswordLinkPurpose },
): Promise<{ tokenId: string; setupUrl: string }> {
  const purpose = options.purpose ?? "SETUP";
  const owner = "userId" in options ? { userId: options.userId } : { staffUserId: options.staffUserId };
  const row = await tx.passwordSetupToken.create({ data: { ...owner, purpose }, select: { id: true } });
  const url = new URL("userId" in owner ? "/enet/setup-password" : "/admin/setup-password", env().PUBLIC_BASE_URL);
  url.searchParams.set("token", LINK_TOKEN_PLACEHOLDER);
  return { tokenId: row.id, setupUrl: url.toString() };
}
