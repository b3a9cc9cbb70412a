import type { Caller, Role } from '../auth/caller.js';
import { forbidden } from '../errors.js';

/** What the ordering and lifecycle services need of a verified caller (`src/auth`'s Caller has it). */
export type OrderingCaller = Pick<Caller, 'tenantId' | 'subject' | 'roles' | 'spending'>;

/** The schema's role checks are the first line; this is the last before money is spent or an action sent. */
export function requireRole(caller: OrderingCaller, role: Role): void {
  if (!caller.roles.has(role)) throw forbidden(`the ${role} role`);
}

/** What the journal records as "who": the verified tenant and subject, never a name the client chose. */
export function subjectOf(caller: OrderingCaller): string {
  return `${caller.tenantId}/${caller.subject}`;
}
