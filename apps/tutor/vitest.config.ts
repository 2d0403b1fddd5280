// tests start child processes that load TypeScript with tsx
export { default } from '../../vitest.shared.js';
