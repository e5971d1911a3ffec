export * from './roles.js';
export * from './conversation.js';
