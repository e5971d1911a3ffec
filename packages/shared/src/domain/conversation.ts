/**
 * The vocabulary of a conversation: where it comes from, which state it is in and who can
 * write into its log. Shared so the console, the widget and the relay cannot disagree.
 */
export const CHANNEL_KINDS = ['web', 'x', 'facebook', 'mastodon', 'bluesky', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Who wrote an event into a conversation's log. */
export const AUTHOR_KINDS = ['visitor', 'agent', 'system'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** What a status event records; each becomes a line in both the widget and the console. */
export const STATUS_CHANGES = [
  'opened',
  'assigned',
  'unassigned',
  'transferred',
  'escalated',
  'resolved',
  'reopened',
  /** After `resolved`: the widget asks the visitor to rate the conversation (issue 3). */
  'csat_requested',
  /** An agent took a callback task (the event's `callback.requestSeq` names it). */
  'callback_taken',
  /** An agent called back; `callback.outcome` says how it went (the visitor sees it). */
  'callback_done',
  /** Waiting on the visitor: out of the "needs an answer" part of the queue until they write. */
  'pending',
  /** Put away until a time (or until the visitor writes). */
  'snoozed',
  /** A snooze ran out: the conversation is open again. */
  'woke',
  /** The priority changed (see the event's `priority`). */
  'prioritized',
  /** A lead settled an escalation (issue 6); the note is the decision, `decisionMs` how long it took. */
  'decided',
] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];

/** How a callback ended, recorded by the agent who made the call. */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'voicemail', 'wrong_number', 'cancelled'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRESENCES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCES)[number];
