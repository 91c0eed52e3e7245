export * from './client';
export * from './migrations';
export * from './tables';
export * from './event-row';
export * from './insert';
export * from './cluster';
