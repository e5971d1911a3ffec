/**
 * What each sealed value of a channel is bound to (AES-GCM additional data): credentials and
 * session of one channel cannot be swapped with another's, or with each other.
 */
export const credentialsContext = (channelId: string) => `channel:${channelId}:credentials`;
export const sessionContext = (channelId: string) => `channel:${channelId}:session`;
