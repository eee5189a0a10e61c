// Who sees which part of the workspace. The API enforces the same rules; this only hides what a
// role could not use anyway.
import type { Role } from './types';

export const diagnosisTabs = [
  { id: 'dashboard', path: '', roles: ['admin', 'analyst'] },
  { id: 'setup', path: '/setup', roles: ['admin', 'analyst'] },
  { id: 'objectives', path: '/objectives', roles: ['admin', 'analyst'] },
  { id: 'invitations', path: '/invitations', roles: ['admin', 'analyst'] },
  { id: 'moderation', path: '/moderation', roles: ['admin', 'analyst', 'moderator'] },
  { id: 'exports', path: '/exports', roles: ['admin', 'analyst'] },
  { id: 'report', path: '/report', roles: ['admin', 'analyst'] },
  { id: 'audit', path: '/audit', roles: ['admin', 'analyst'] },
] as const satisfies readonly { id: string; path: string; roles: readonly Role[] }[];

export type TabId = (typeof diagnosisTabs)[number]['id'];

export const tabsFor = (role: Role) => diagnosisTabs.filter((t) => (t.roles as readonly Role[]).includes(role));

/** Where a diagnosis opens for this role: the dashboard, or the queue for a moderator. */
export const homeTabFor = (role: Role) => tabsFor(role)[0];

export const canManageUsers = (role: Role) => role === 'admin';
export const canSetUp = (role: Role) => role === 'admin';
/** Admins set objectives up; analysts record their measured values. */
export const canMeasure = (role: Role) => role === 'admin' || role === 'analyst';
/** The whole audit log (accounts included); a diagnosis's own log is a tab for its analysts. */
export const canReadWholeAudit = (role: Role) => role === 'admin';

/** Paths under /app that are not diagnosis slugs ('_' never appears in a slug). */
export const USERS_PATH = '/app/_users';
export const AUDIT_PATH = '/app/_audit';
/** One's own account (every role): password change. */
export const ACCOUNT_PATH = '/app/_account';
