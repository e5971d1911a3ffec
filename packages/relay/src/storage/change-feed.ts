/**
 * What changed lately, for a node that may have missed bus messages (issue 7): Redis was down,
 * or a subscription was not active yet. Every append moves its conversation's `updated_at` and
 * `last_seq`, so "conversations of these workspaces (or these conversations) touched since T"
 * is all a node needs to ask its delivery cursors to catch up from the log.
 */
export interface ChangedConversation {
  workspaceId: string;
  conversationId: string;
  lastSeq: number;
  createdAt: number;
  updatedAt: number;
}

export interface ChangeFeed {
  /**
   * Conversations in any of `workspaceIds`, or with any of `conversationIds`, whose
   * `updated_at` is at or after `since`; oldest change first, at most `limit`.
   */
  changedSince(scope: { workspaceIds: string[]; conversationIds: string[] }, since: number, limit: number): Promise<ChangedConversation[]>;
}
