import { describe, expect, it } from 'vitest';
import {
  placedOrderFromWire,
  priceFromWire,
} from '../../../../src/datasources/oneatlas/wire/order.mapping.js';
import { orderResponse, spotOnePlanPriceResponse } from '../../../fixtures/guide-samples.js';

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
