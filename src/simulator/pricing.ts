/**
 * POST /prices and the totals of POST /orders. Per product type: the AOI's geodesic area, truncated to
 * whole km² (a 132.5 km² AOI is invoiced 132 km², as in the guide), raised to the product's minimum
 * invoiced area, times the per-km² price; the contract's discount percentage for that product type
 * then gives `amount`. `discountValue` is the voucher discount, always 0 since no vouchers are
 * simulated, and the top-level `discountPercentage` (an order-wide discount) is 0 too: both as in the
 * guide's samples, where an 80 % contract discount leaves them at 0.
 */
import type { WirePriceProductType, WirePriceResponse } from '../datasources/oneatlas/wire/types.js';
import { geodesicAreaKm2 } from './geometry.js';
import type { OrderLine, ParsedOrderRequest } from './order-request.js';
import type { ContractRecord } from './state.js';

/** What pricing reads of an order line. */
type PricedLine = Pick<OrderLine, 'aoi' | 'productType'>;

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

export function invoicedAreaKm2(line: PricedLine): number {
  return Math.max(Math.floor(geodesicAreaKm2(line.aoi)), line.productType.minimumOrderAreaKm2);
}

export function priceOf(order: ParsedOrderRequest): WirePriceResponse {
  const productTypeIds = [...new Set(order.lines.map((line) => line.productType.productTypeId))];
  const productTypes = productTypeIds.map((productTypeId) =>
    productTypePrice(
      order.contract,
      productTypeId,
      order.lines.filter((line) => line.productType.productTypeId === productTypeId),
    ),
  );
  return {
    contractId: order.contract.wire.contractId,
    currency: order.contract.wire.currency,
    discountPercentage: 0,
    discountValue: 0,
    productTypes,
    totalAmount: cents(productTypes.reduce((total, productType) => total + productType.amount, 0)),
  };
}

/** The price of `lines`, all of product type `productTypeId`, on `contract` (its discount applied). */
export function productTypePrice(
  contract: ContractRecord,
  productTypeId: string,
  lines: readonly PricedLine[],
): WirePriceProductType {
  const areaKm2 = lines.reduce((total, line) => total + invoicedAreaKm2(line), 0);
  const pricePerKm2 = lines[0]?.productType.pricePerKm2 ?? 0;
  const discountPercentage = contract.discountPercentages[productTypeId] ?? 0;
  const price = cents(areaKm2 * pricePerKm2);
  return {
    amount: cents(price * (1 - discountPercentage / 100)),
    areaKm2,
    discountPercentage,
    discountValue: 0,
    price,
    productTypeId,
    items: lines.map(() => ({ datastripIds: [] })),
    voucherCode: null,
    minimumOrderAreaApplied: lines[0]?.productType.minimumOrderAreaKm2 ?? 0,
  };
}
