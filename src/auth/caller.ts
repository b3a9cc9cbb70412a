/**
 * What a caller may do. `read` for queries, `order` to price, order and decide on segments, `approve`
 * to release or refuse held orders, `admin` for operator fields, `schema` to read the subgraph's SDL
 * (`_service`) when introspection is off: the Router's or the composition job's credential, which
 * needs the whole schema and nothing else.
 */
export const ROLES = ['read', 'order', 'approve', 'admin', 'schema'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return ROLES.some((role) => role === value);
}

/**
 * The contracts a tenant may use: listed ones, or every contract its credential sees (only the
 * built-in development tenant, on the embedded simulator).
 */
export type ContractScope = { kind: 'listed'; ids: readonly string[] } | { kind: 'any' };

/** A verified caller: who (subject) acts for which tenant, with which roles, over which credential and contracts. */
export interface Caller {
  tenantId: string;
  /** The JWT `sub`, or `api-key:<name>` for a gateway API key. Bounded and printable: it goes into the journal. */
  subject: string;
  roles: ReadonlySet<Role>;
  /** Which OneAtlas credential (and so which token, schedulers, caches) this tenant's calls use. */
  credentialId: string;
  contracts: ContractScope;
  /** Where a query or mutation omits its contract or workspace. */
  defaults: { contractId: string; workspaceId: string | undefined };
  /** The tenant's spending guard, for the ordering service: monthly budget and approval threshold (null: none). */
  spending: { monthlyBudget: number | null; approvalThreshold: number | null };
}
