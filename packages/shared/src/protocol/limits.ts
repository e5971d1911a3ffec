/**
 * Limits both sides enforce. The widget checks them before sending so a visitor gets told at
 * once; the relay checks them again at the edge because clients are not trusted.
 */
export const LIMITS = {
  /** Largest WebSocket frame the relay reads; bigger frames are refused (close 1009) unread. */
  maxFrameBytes: 64 * 1024,
  /** Longest chat message, in UTF-16 code units (what `String.length` counts). */
  maxMessageLength: 5000,
  /** Transfer notes and escalation reasons. */
  maxNoteLength: 1000,
  /** Display names of visitors and agents. */
  maxNameLength: 80,
  /** Client-chosen message ids: long enough for a UUID or a nanoid, short enough to index. */
  maxClientIdLength: 64,
  /** E-mail addresses. */
  maxEmailLength: 254,
  /** Page URLs and titles a visitor's widget reports as context. */
  maxUrlLength: 2048,
  maxTitleLength: 300,
  /** Pre-chat topics (each) and the job title a careers page attaches. */
  maxTopicLength: 300,
  /** A phone number for a callback, as people write them (`+49 30 1234-567`). */
  maxPhoneLength: 40,
  /** A callback's preferred time, free text (`tomorrow after 3 pm`). */
  maxPreferredTimeLength: 100,
  /** A careers page's job id. */
  maxJobIdLength: 100,
  /** A host site's user id in an identity, and the identity's JWT. */
  maxExternalIdLength: 200,
  maxJwtLength: 4096,
  /** A site's consent text shown beside the pre-chat checkbox. */
  maxPrivacyTextLength: 2000,
  /** Events sent in one replay page; a resume that misses more gets several pages. */
  replayPageSize: 200,
  /** Agent passwords: lower bound for humans, upper bound so hashing cannot be abused. */
  minPasswordLength: 10,
  maxPasswordLength: 256,
  /** Opaque tokens (visitor sessions, agent sessions). */
  maxTokenLength: 200,
  /** Seconds without any frame after which the relay closes a socket as dead. */
  idleTimeoutSeconds: 75,
  /** Seconds between client heartbeats; well under the idle timeout and common proxy timeouts. */
  heartbeatSeconds: 25,
} as const;
