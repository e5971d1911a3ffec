/**
 * Private links that were used (issue 5, item 10). A row per redeemed token: its id is the
 * primary key, so a token works once whatever the number of relay nodes, and the row says which
 * visitor now follows which social conversation, privately (also after a reconnect).
 */
export interface RedeemedLink {
  id: string;
  workspaceId: string;
  conversationId: string;
  siteId: string;
  visitorId: string;
  usedAt: number;
}

export interface PrivateLinkStore {
  /** Records the token as used; false when it was used before (nothing changes then). */
  redeem(link: RedeemedLink): Promise<boolean>;
  /** The conversation this visitor last continued through a private link, if any. */
  latestForVisitor(workspaceId: string, visitorId: string): Promise<{ conversationId: string; usedAt: number } | null>;
  /** Whether someone continued this conversation privately (agents' replies then stay private). */
  isContinued(workspaceId: string, conversationId: string): Promise<boolean>;
}
