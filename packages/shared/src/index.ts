export * from './protocol/index.js';
export * from './domain/index.js';
export * from './embed/snippet.js';
export * from './text/index.js';
