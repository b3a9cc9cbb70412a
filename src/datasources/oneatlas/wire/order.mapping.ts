import { DeliveryMethod } from '../../../domain/enums.js';
import {
  aoisOf,
  type Order,
  type OrderAoi,
  type OrderRequest,
  type Price,
  type PriceLine,
} from '../../../domain/order.js';
import { polygonToWire } from './geometry.mapping.js';
import { checkedList, requiredNumber, requiredString, wireRecord } from './shape.js';
import type {
  WireKeyValue,
  WireOrderItem,
  WireOrderRequest,
  WireOrderResponse,
  WirePriceProductType,
  WirePriceResponse,
} from './types.js';

/** An item's `notifications[]` for these addresses, in the shape of one back end. */
type NotificationsToWire = (addresses: string[]) => NonNullable<WireOrderItem['notifications']>;

/** The legacy guide's shape (step 6 sample): addresses in `parameters`, event ACQUISITION_RECEIVED. */
const legacyNotifications: NotificationsToWire = (addresses) => [
  {
    name: '',
    channels: [{ type: 'email', parameters: { addresses } }],
    filter: { events: ['ACQUISITION_RECEIVED'] },
  },
];

/**
 * Pléiades Neo's shape (notes §2.4): recipients in `addressee{to,cc}`, and Neo's own event for an
 * acquisition (the notes write it NEW_ACQUISITION(S); the singular is sent).
 */
const neoNotifications: NotificationsToWire = (addresses) => [
  { channels: [{ type: 'email', addressee: { to: addresses } }], filter: { events: ['NEW_ACQUISITION'] } },
];

/**
 * The body of POST /prices and POST /orders (the same for both, so what is priced is what is ordered),
 * shaped as in the guide's samples: numbers stay numbers, BH ratios go as strings, dates as ms UTC.
 */
export function orderRequestToWire(order: OrderRequest): WireOrderRequest {
  return requestToWire(order, legacyNotifications);
}

/** The body of a Neo POST /quotations: the order's, but with Neo's notifications (notes §2.3–2.4). */
export function quotationRequestToWire(order: OrderRequest): WireOrderRequest {
  return requestToWire(order, neoNotifications);
}

function requestToWire(order: OrderRequest, notifications: NotificationsToWire): WireOrderRequest {
  const aois = aoisOf(order);
  return {
    // One item per AOI, linked by its id (notes §2.3: "at most 5 AOI/item pairs per order").
    aoi: aois.map((aoi) => ({
      id: aoi.id,
      name: aoiNameOf(order, aoi),
      geometry: polygonToWire(aoi.geometry),
    })),
    programReference: order.programReference,
    contractId: order.contractId,
    items: aois.map((aoi) => orderItemToWire(order, aoi, notifications)),
    primaryMarket: order.primaryMarket,
    secondaryMarket: order.secondaryMarket,
    customerReference: order.customerReference,
    ...(order.options.length > 0
      ? { optionsPerProductType: [{ productTypeId: order.productTypeId, options: [...order.options] }] }
      : {}),
    ...(order.endUsers.length > 0
      ? {
          endUsers: order.endUsers.map(({ name, country }) => ({
            ...(name === null ? {} : { endUserName: name }),
            country,
          })),
        }
      : {}),
    ...deliveryToWire(order),
  };
}

/**
 * `delivery`: the type the contract listed for the chosen method, else network; a workspace only with
 * network delivery, which is what lands there. Nothing when neither a method nor a workspace is known.
 */
function deliveryToWire(order: OrderRequest): Pick<WireOrderRequest, 'delivery'> {
  if (order.deliveryTypeId === undefined && order.workspaceId === null) return {};
  const network = order.deliveryMethod === undefined || order.deliveryMethod === DeliveryMethod.NETWORK;
  return {
    delivery: {
      type: order.deliveryTypeId ?? 'network',
      ...(network && order.workspaceId !== null ? { workspace: order.workspaceId } : {}),
    },
  };
}

/** The AOI's name, else the customer reference (followed by the AOI's id when the order has several). */
function aoiNameOf(order: OrderRequest, aoi: OrderAoi): string {
  if (aoi.name !== null) return aoi.name;
  return order.aois === undefined ? order.customerReference : `${order.customerReference} ${aoi.id}`;
}

function orderItemToWire(
  order: OrderRequest,
  aoi: OrderAoi,
  notifications: NotificationsToWire,
): WireOrderItem {
  return {
    productTypeId: order.productTypeId,
    aoiId: aoi.id,
    ...(aoi.segmentKey === null ? {} : { segmentKey: aoi.segmentKey }),
    properties: itemProperties(order),
    ...itemCommentsOf(order),
    ...(order.holdback === undefined ? {} : { holdback: order.holdback }),
    ...(order.notifyEmails.length > 0 ? { notifications: notifications([...order.notifyEmails]) } : {}),
  };
}

/** An acquisition period as the guide writes it: "start end", millisecond UTC. */
function period(window: { start: Date; end: Date }): string {
  return `${window.start.toISOString()} ${window.end.toISOString()}`;
}

function itemCommentsOf(order: OrderRequest): Pick<WireOrderItem, 'comments'> {
  const comments = order.itemComments ?? order.comments;
  return comments === null ? {} : { comments };
}

function itemProperties(order: OrderRequest): WireKeyValue[] {
  const properties: WireKeyValue[] = [];
  const add = (key: string, value: WireKeyValue['value'] | null): void => {
    if (value !== null) properties.push({ key, value });
  };
  add('acquisitionMode', order.acquisitionMode);
  add('classification', order.feasibility?.classification ?? null);
  add('feasibilityAutomation', order.feasibility?.automation ?? null);
  add('feasibilityAutomationName', order.feasibility?.automationName ?? null);
  add('notificationThreshold', order.notificationThreshold);
  add('maxCloudCover', order.maxCloudCover);
  add('maxIncidenceAngle', order.maxIncidenceAngle);
  add('acqPeriod', order.window ? period(order.window) : null);
  // The guide's OneNow sample: the pass's deadline and the passes to try, comma-separated.
  add('orderDeadLine', order.orderDeadline?.toISOString() ?? null);
  add('acqPeriods', order.acquisitionPeriods?.map(period).join(',') ?? null);
  add('extendedAngle', order.extendedAngle);
  // The guide's stereo section wants the ratios as strings ("0.2").
  add('acquisitionModeMinBH', order.stereo ? String(order.stereo.minBH) : null);
  add('acquisitionModeMaxBH', order.stereo ? String(order.stereo.maxBH) : null);
  add('comments', order.comments);
  for (const extra of order.extraProperties) add(extra.key, extra.value);
  return properties;
}

const AMOUNT_FIELDS = ['totalAmount', 'discountPercentage', 'discountValue'] as const;

/** The answer of POST /prices, checked for what the mapping needs. */
export function priceFromWire(answer: unknown): Price {
  const checked = wireRecord(answer, 'answer');
  for (const key of ['contractId', 'currency']) requiredString(checked, key, 'answer');
  for (const key of AMOUNT_FIELDS) requiredNumber(checked, key, 'answer');
  checkedList(checked, 'productTypes', 'answer', (line, where) => {
    requiredString(line, 'productTypeId', where);
    for (const key of ['amount', 'price', 'areaKm2', 'discountPercentage', 'discountValue']) {
      requiredNumber(line, key, where);
    }
  });
  const wire = checked as unknown as WirePriceResponse;
  return {
    contractId: wire.contractId,
    currency: wire.currency,
    totalAmount: wire.totalAmount,
    discountPercentage: wire.discountPercentage,
    discountValue: wire.discountValue,
    productTypes: wire.productTypes.map(priceLineFromWire),
  };
}

function priceLineFromWire(wire: WirePriceProductType): PriceLine {
  return {
    productTypeId: wire.productTypeId,
    amount: wire.amount,
    price: wire.price,
    areaKm2: wire.areaKm2,
    discountPercentage: wire.discountPercentage,
    discountValue: wire.discountValue,
    minimumOrderAreaApplied: wire.minimumOrderAreaApplied ?? null,
  };
}

/** The answer of POST /orders, checked for what the mapping needs. */
export function placedOrderFromWire(answer: unknown, customerReference: string): Order {
  const checked = wireRecord(answer, 'answer');
  for (const key of ['salesOrderId', 'currency']) requiredString(checked, key, 'answer');
  for (const key of AMOUNT_FIELDS) requiredNumber(checked, key, 'answer');
  const wire = checked as unknown as WireOrderResponse;
  return {
    status: 'PLACED',
    // The guide's sample pads the id with spaces (" salesOrderId ").
    salesOrderId: wire.salesOrderId.trim(),
    currency: wire.currency,
    totalAmount: wire.totalAmount,
    discountPercentage: wire.discountPercentage,
    discountValue: wire.discountValue,
    customerReference,
  };
}
