/**
 * The wire protocol's version. Both sides send it in `hello`/`welcome`; a relay refuses a
 * client speaking a version it does not know instead of guessing (close code 4010).
 * Bump it only for changes an old peer would misread; adding an optional field is not one.
 */
export const PROTOCOL_VERSION = 1 as const;
export type ProtocolVersion = typeof PROTOCOL_VERSION;
