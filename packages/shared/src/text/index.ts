export * from './reply-rules.js';
export * from './x-length.js';
export * from './mastodon-length.js';
export * from './bluesky-length.js';
export * from './url-pattern.js';
