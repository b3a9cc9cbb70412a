/**
 * `items[].notifications` of an order or a quotation, checked in the shape of the contract's back end:
 * a legacy contract's as in the guide's order sample (step 6), `channels[{type:"email",
 * parameters{addresses[]}}]` with ACQUISITION_RECEIVED; a Pléiades Neo contract's as the notes give it
 * (§2.4), `channels[{type:"email", addressee{to,cc}}]` with Neo's own events. The other back end's
 * shape is a 400, so a request built for the wrong back end is caught.
 */
import type { WireNeoNotificationEvent } from '../datasources/oneatlas/wire/types.js';
import type { ProductTypeDefinition } from './catalog.js';
import { isRecord } from './request-parsing.js';
import type { ContractRecord } from './state.js';
import { badRequest, type UpstreamError } from './upstream-error.js';

type Backend = ContractRecord['wire']['backendSource'];

const LEGACY_EVENTS: readonly string[] = ['ACQUISITION_RECEIVED'];

/** notes §2.4: "NEW_ACQUISITION(S)", so both spellings. */
const NEO_EVENTS: readonly WireNeoNotificationEvent[] = [
  'NEW_ACQUISITION',
  'NEW_ACQUISITIONS',
  'BEFORE_TASKING_END',
  'ACQUISITION_CAMPAIGN',
  'WEATHER_PREDICTION',
];

const SHAPE: Record<Backend, string> = {
  legacy: 'channels[{type:"email", parameters:{addresses:[…]}}]',
  neo: 'channels[{type:"email", addressee:{to, cc}}]',
};

function invalid(message: string): UpstreamError {
  return badRequest(message, 'INVALID_NOTIFICATION');
}

/** One address or a list of them: the notes name `to` and `cc` without saying which. */
function isAddressList(value: unknown): boolean {
  const addresses = Array.isArray(value) ? value : [value];
  return (
    addresses.length > 0 && addresses.every((address) => typeof address === 'string' && address.includes('@'))
  );
}

function checkChannel(channel: unknown, backend: Backend, where: string): void {
  if (!isRecord(channel) || channel.type !== 'email') {
    throw invalid(`${where} must be an e-mail channel (type "email"): no other channel exists.`);
  }
  const recipients = backend === 'neo' ? channel.addressee : channel.parameters;
  const other = backend === 'neo' ? channel.parameters : channel.addressee;
  if (recipients === undefined && other !== undefined) {
    throw invalid(`${where}: a ${backend} contract's notifications are ${SHAPE[backend]}.`);
  }
  if (!isRecord(recipients)) throw invalid(`${where} names no recipients: ${SHAPE[backend]}.`);
  if (backend === 'legacy') {
    if (!Array.isArray(recipients.addresses) || !isAddressList(recipients.addresses)) {
      throw invalid(`${where}.parameters.addresses must be a non-empty list of e-mail addresses.`);
    }
    return;
  }
  if (!isAddressList(recipients.to)) throw invalid(`${where}.addressee.to must name e-mail addresses.`);
  if (recipients.cc !== undefined && recipients.cc !== null) {
    const none = Array.isArray(recipients.cc) && recipients.cc.length === 0;
    if (!none && !isAddressList(recipients.cc)) {
      throw invalid(`${where}.addressee.cc must name e-mail addresses.`);
    }
  }
}

function checkEvents(
  filter: unknown,
  backend: Backend,
  productType: ProductTypeDefinition,
  where: string,
): void {
  const known = backend === 'neo' ? NEO_EVENTS : LEGACY_EVENTS;
  const events = isRecord(filter) ? filter.events : undefined;
  if (!Array.isArray(events) || events.length === 0) {
    throw invalid(`${where}.filter.events must list events: ${known.join(', ')}.`);
  }
  for (const event of events) {
    if (typeof event !== 'string' || !known.includes(event)) {
      throw invalid(
        `${where}.filter.events: unknown event ${JSON.stringify(event)} for a ${backend} contract: ${known.join(', ')}.`,
      );
    }
    if (event === 'WEATHER_PREDICTION' && productType.progType !== 'ONEDAY') {
      throw invalid(
        `${where}.filter.events: WEATHER_PREDICTION is for ONEDAY only, not ${productType.productTypeId}.`,
      );
    }
  }
}

/** Checks `items[index].notifications` (absent or null: none) for the contract's back end. */
export function checkNotifications(
  value: unknown,
  backend: Backend,
  productType: ProductTypeDefinition,
  index: number,
): void {
  if (value === undefined || value === null) return;
  const where = `items[${index}].notifications`;
  if (!Array.isArray(value)) throw invalid(`${where} must be an array.`);
  value.forEach((notification: unknown, position) => {
    const at = `${where}[${position}]`;
    if (!isRecord(notification)) throw invalid(`${at} must be an object.`);
    const { channels } = notification;
    if (!Array.isArray(channels) || channels.length === 0) {
      throw invalid(`${at}.channels must be a non-empty array: ${SHAPE[backend]}.`);
    }
    channels.forEach((channel: unknown, channelIndex) => {
      checkChannel(channel, backend, `${at}.channels[${channelIndex}]`);
    });
    checkEvents(notification.filter, backend, productType, at);
  });
}
