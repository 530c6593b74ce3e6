import { z } from 'zod';

/** admin: everything incl. accounts; program-office: all ports; port-operator: named facilities/ports; auditor: read-only. */
export const UserRole = z.enum(['admin', 'program-office', 'port-operator', 'auditor']);
export type UserRole = z.infer<typeof UserRole>;

export const roleCanWrite = (role: UserRole): boolean => role !== 'auditor';

export const Username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, { message: 'expected lower-case letters, digits and . _ @ -' });

export const LoginRequest = z.object({ username: Username, password: z.string().min(1).max(1024) }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  role: UserRole,
  /** Facility and port ids a port-operator is scoped to; empty for the other roles. */
  facilityIds: z.array(z.string()),
  portIds: z.array(z.string()),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me, csrfToken: z.string() });

export const TokenCreateRequest = z.object({ name: z.string().min(1).max(100) }).strict();
export const TokenCreated = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown once; only its hash is stored. Send as `Authorization: Bearer <token>`. */
  token: z.string(),
});
export const TokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const UserCreateRequest = z
  .object({
    username: Username,
    password: z.string().min(12, { message: 'expected at least 12 characters' }).max(1024),
    role: UserRole,
    facilityIds: z.array(z.string().min(1)).default([]),
    portIds: z.array(z.string().min(1)).default([]),
  })
  .strict();
