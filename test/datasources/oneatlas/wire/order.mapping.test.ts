import { describe, expect, it } from 'vitest';
import {
  orderRequestToWire,
  placedOrderFromWire,
  priceFromWire,
  quotationRequestToWire,
} from '../../../../src/datasources/oneatlas/wire/order.mapping.js';
import type { OrderRequest } from '../../../../src/domain/order.js';
import { orderResponse, spotOnePlanPriceResponse } from '../../../fixtures/guide-samples.js';
import { onePlanOrderRequest } from '../../../support/order-request.js';

function orderNotifying(notifyEmails: string[]): OrderRequest {
  return onePlanOrderRequest({
    contractId: 'CTR22000512',
    productTypeId: 'PleiadesNeoOnePlan',
    notifyEmails,
  });
}

describe('price and order responses', () => {
  it('maps the guide SPOT OnePlan price response', () => {
    expect(priceFromWire(spotOnePlanPriceResponse('CTR1'))).toEqual({
      contractId: 'CTR1',
      currency: 'EUR',
      totalAmount: 690,
      discountPercentage: 0,
      discountValue: 0,
      productTypes: [
        {
          productTypeId: 'SpotTaskingOnePlan',
          amount: 690,
          price: 3450,
          areaKm2: 500,
          discountPercentage: 80,
          discountValue: 0,
          minimumOrderAreaApplied: null,
        },
      ],
    });
  });

  it('maps the guide order response, trimming the padded sales order id', () => {
    expect(placedOrderFromWire(orderResponse(' salesOrderId '), 'my ref')).toEqual({
      status: 'PLACED',
      salesOrderId: 'salesOrderId',
      currency: 'EUR',
      totalAmount: 20790,
      discountPercentage: 0,
      discountValue: 0,
      customerReference: 'my ref',
    });
  });
});

describe('notifications of an item, per back end', () => {
  const emails = ['ops@example.com', 'desk@example.com'];

  it("sends a legacy order the guide's shape: addresses in parameters, ACQUISITION_RECEIVED", () => {
    expect(orderRequestToWire(orderNotifying(emails)).items[0]?.notifications).toEqual([
      {
        name: '',
        channels: [{ type: 'email', parameters: { addresses: emails } }],
        filter: { events: ['ACQUISITION_RECEIVED'] },
      },
    ]);
  });

  it("sends a Neo quotation the notes' shape: addressee{to}, NEW_ACQUISITION", () => {
    expect(quotationRequestToWire(orderNotifying(emails)).items[0]?.notifications).toEqual([
      { channels: [{ type: 'email', addressee: { to: emails } }], filter: { events: ['NEW_ACQUISITION'] } },
    ]);
  });

  it('sends no notifications without addresses, and otherwise the same body to both', () => {
    const order = orderNotifying([]);
    expect(quotationRequestToWire(order).items[0]).not.toHaveProperty('notifications');
    expect(quotationRequestToWire(order)).toEqual(orderRequestToWire(order));
  });
});
