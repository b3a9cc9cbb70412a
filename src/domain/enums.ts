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
