import { PortGuardError, roleCanWrite, type Access, type UserRole } from '@portguard/core';

/** The authenticated caller. `access` is resolved once per request and passed to every repository call. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: UserRole;
  readonly access: Access;
  readonly via: 'session' | 'token' | 'cli';
}

export function requireWrite(p: Principal): Access {
  if (!roleCanWrite(p.role)) throw new PortGuardError('forbidden', `role ${p.role} is read-only`);
  return p.access;
}

export function requireRole(p: Principal, ...roles: readonly UserRole[]): void {
  if (!roles.includes(p.role)) throw new PortGuardError('forbidden', `requires role ${roles.join(' or ')}`);
}

/** The CLI runs as the machine's operator, with full rights; its audit actor is named explicitly. */
export const cliPrincipal = (actor = 'cli'): Principal => ({
  userId: 'cli',
  username: actor,
  role: 'admin',
  access: { kind: 'all' },
  via: 'cli',
});
