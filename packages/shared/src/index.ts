export * from './protocol/index.js';
export * from './domain/index.js';
