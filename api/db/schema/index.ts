// The one drizzle schema (SQLite dialect) shared by libSQL and D1.
export * from './diagnosis';
export * from './institutions';
export * from './signals';
export * from './objectives';
export * from './users';
export * from './public-summary';
