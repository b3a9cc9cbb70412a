import type { NeoApi } from '../datasources/oneatlas/neo-api.js';
import type { QuotationAcceptance } from '../datasources/orders/order-placement.js';
import { type NeoOrderItem, QuotationStatus } from '../domain/neo.js';
import { type AttemptKey, SHARED_KEY_SCOPE } from '../domain/order-journal.js';
import { ErrorCode, GatewayError } from '../errors.js';

/** A quotation of a Neo contract, already authorised for the caller. */
export type QuotationRef = Pick<QuotationAcceptance, 'contractId' | 'quotationId'>;

/**
 * A quotation's acceptance is journaled under this key, in the scope every tenant shares: a quotation
 * belongs to one contract, and tenants sharing that contract accept it once between them.
 */
export function acceptanceKey(quotation: QuotationRef): AttemptKey {
  return { keyScope: SHARED_KEY_SCOPE, idempotencyKey: `quotation:${quotation.quotationId}` };
}

/** The quotation as the target of its refusal (one per quotation of a contract). */
export function quotationTarget(quotation: QuotationRef): { contractId: string; targetId: string } {
  return { contractId: quotation.contractId, targetId: quotation.quotationId };
}

/**
 * The quotation's order items, read fresh, when it can still be decided (accepted or refused): SENT
 * and within its validity at `now`.
 */
export async function openQuotation(
  neoApi: NeoApi,
  quotation: QuotationRef,
  now: number,
): Promise<NeoOrderItem[]> {
  const items = await neoApi.orderItemsNow(quotation.contractId, { quotationId: quotation.quotationId });
  const [first] = items;
  if (first === undefined) {
    throw new GatewayError(
      ErrorCode.NOT_FOUND,
      `Quotation '${quotation.quotationId}' was not found in contract '${quotation.contractId}'.`,
    );
  }
  const validUntil = first.quotationValidUntil;
  if (
    first.quotationStatus === QuotationStatus.EXPIRED ||
    (validUntil !== null && validUntil.getTime() <= now)
  ) {
    throw new GatewayError(
      ErrorCode.QUOTATION_EXPIRED,
      `Quotation '${quotation.quotationId}' expired${validUntil === null ? '' : ` at ${validUntil.toISOString()}`}; nothing was sent. Request a new quotation.`,
    );
  }
  if (
    first.quotationStatus === QuotationStatus.ACCEPTED ||
    first.quotationStatus === QuotationStatus.REFUSED
  ) {
    throw alreadyDecided(quotation.quotationId, first.quotationStatus);
  }
  return items;
}

export function alreadyDecided(quotationId: string, how: string): GatewayError {
  return new GatewayError(
    ErrorCode.QUOTATION_ALREADY_DECIDED,
    `Quotation '${quotationId}' was already ${how.toLowerCase()}; nothing was sent.`,
  );
}
