import { cornersWithin } from '../../domain/geo.js';
import type { OrderRequest } from '../../domain/order.js';
import { badUserInput } from '../../errors.js';
import { segmentKeyFootprint } from './wire/segment-key.mapping.js';

/**
 * A segmentKey belongs to the pass over the AOI it was computed for; the upstream prices and orders
 * the pass, so a key used with another AOI orders something else than the client sees. Where the key
 * carries its footprint (the guide's shape), an AOI reaching outside it is refused before anything is
 * priced, journaled or sent. A smaller AOI inside the footprint cannot be told apart here: the
 * upstream (and the simulator) judge that binding.
 */
export function checkSegmentBinding(order: OrderRequest): void {
  if (order.segmentKey === null) return;
  const footprint = segmentKeyFootprint(order.segmentKey);
  if (footprint !== null && !cornersWithin(order.aoi, footprint)) {
    throw badUserInput(
      'input.segmentKey',
      "was computed for another AOI: the AOI reaches outside the pass's footprint; ask `attempts` for this AOI and use one of its segmentKeys",
    );
  }
}
