// Vite handles CSS imports; tell TypeScript they exist.
declare module '*.css';
