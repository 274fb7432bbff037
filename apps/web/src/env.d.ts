// The web app runs in the browser: the root tsconfig (ES2023 + node types) checks src/ too, so
// the DOM library is named here rather than in a config only the web package reads.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

declare module '*.css';
