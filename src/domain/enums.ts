/**
 * Enumerations of the tasking domain. Objects rather than TS enums so the same value serves as
 * a string-literal type for the domain and as the value map registered with GraphQL.
 */

export const Mission = { PLEIADES: 'PLEIADES', SPOT: 'SPOT', PLEIADES_NEO: 'PLEIADES_NEO' } as const;
export type Mission = (typeof Mission)[keyof typeof Mission];

export const ProgType = {
  ONEPLAN: 'ONEPLAN',
  ONEDAY: 'ONEDAY',
  ONENOW: 'ONENOW',
  ONESERIES: 'ONESERIES',
  ONENOWATTEMPTS: 'ONENOWATTEMPTS',
  ONENOWWEATHER: 'ONENOWWEATHER',
} as const;
export type ProgType = (typeof ProgType)[keyof typeof ProgType];

export const AcquisitionMode = { MONO: 'MONO', STEREO: 'STEREO', TRISTEREO: 'TRISTEREO' } as const;
export type AcquisitionMode = (typeof AcquisitionMode)[keyof typeof AcquisitionMode];

/** How imagery is delivered (upstream `deliveryTypeId`: `network`, `MEDIA`). */
export const DeliveryMethod = { NETWORK: 'NETWORK', MEDIA: 'MEDIA', OTHER: 'OTHER' } as const;
export type DeliveryMethod = (typeof DeliveryMethod)[keyof typeof DeliveryMethod];

export const TaskingStatus = {
  FEASIBILITY_STUDY: 'FEASIBILITY_STUDY',
  IN_PROGRESS: 'IN_PROGRESS',
  PAUSED: 'PAUSED',
  CANCELED: 'CANCELED',
  COMPLETED: 'COMPLETED',
  OTHER: 'OTHER',
} as const;
export type TaskingStatus = (typeof TaskingStatus)[keyof typeof TaskingStatus];

export const OrderStatus = {
  /** The upstream confirmed the order and gave it a sales order id. */
  PLACED: 'PLACED',
  /** The order was sent but its fate is not known yet (timeout, reset): it is not re-sent blindly. */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
  /** Priced above the tenant's approval threshold: held until an approver releases or refuses it. */
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** The feasibility classification (notes §2.2): it affects the ONEPLAN price. */
export const FeasibilityClassification = { EASY: 'EASY', CHALLENGING: 'CHALLENGING' } as const;
export type FeasibilityClassification =
  (typeof FeasibilityClassification)[keyof typeof FeasibilityClassification];

/** Whether an order is accepted at once (AUTOMATIC) or studied by Airbus' tasking team first (MANUAL). */
export const FeasibilityAutomation = { AUTOMATIC: 'AUTOMATIC', MANUAL: 'MANUAL' } as const;
export type FeasibilityAutomation = (typeof FeasibilityAutomation)[keyof typeof FeasibilityAutomation];

/** What the customer must do for a tasking to move on. */
export const TaskingAction = {
  /** A manual feasibility study: once done, the requester confirms or declines the order in OneAtlas. */
  CONFIRM_AFTER_FEASIBILITY_STUDY: 'CONFIRM_AFTER_FEASIBILITY_STUDY',
  /** Acquisitions wait for the customer to accept or refuse them. */
  DECIDE_PROPOSED_SEGMENTS: 'DECIDE_PROPOSED_SEGMENTS',
} as const;
export type TaskingAction = (typeof TaskingAction)[keyof typeof TaskingAction];

/** The enum value `value` names, or null for a value the enum does not know (the upstream may add some). */
export function enumValueOf<T extends string>(values: Record<string, T>, value: string): T | null {
  return Object.values(values).find((known) => known === value) ?? null;
}
