import { registerEnumType } from 'type-graphql';
import {
  AcquisitionMode,
  DeliveryMethod,
  FeasibilityAutomation,
  FeasibilityClassification,
  Mission,
  OrderStatus,
  ProgType,
  TaskingAction,
  TaskingStatus,
} from '../domain/enums.js';

registerEnumType(Mission, {
  name: 'Mission',
  description: 'A satellite constellation that can be tasked.',
  valuesConfig: {
    PLEIADES: { description: 'Pléiades 1A/1B (50 cm).' },
    SPOT: { description: 'SPOT 6/7 (1.5 m).' },
    PLEIADES_NEO: { description: 'Pléiades Neo 3/4 (30 cm); upstream name PLEIADESNEO.' },
  },
});

registerEnumType(ProgType, {
  name: 'ProgType',
  description:
    'A tasking offer. SPOT & Pléiades: ONEPLAN, ONEDAY, ONENOW, ONESERIES. Pléiades Neo: ONEPLAN, ONEDAY, ONENOWATTEMPTS, ONENOWWEATHER.',
  valuesConfig: {
    ONEPLAN: { description: 'Acquisition over a period, with an automatic or manual feasibility.' },
    ONEDAY: { description: 'One attempt on a chosen pass (see `attempts`).' },
    ONENOW: { description: 'Several attempts on the next passes (SPOT & Pléiades).' },
    ONESERIES: { description: 'A series of acquisitions (SPOT & Pléiades).' },
    ONENOWATTEMPTS: { description: 'Attempts on the next passes (Pléiades Neo).' },
    ONENOWWEATHER: { description: 'Attempts with a weather guarantee (Pléiades Neo).' },
  },
});

registerEnumType(AcquisitionMode, {
  name: 'AcquisitionMode',
  description:
    'MONO: one image. STEREO/TRISTEREO: 2 or 3 images for elevation; ONEPLAN only, manual feasibility.',
});

registerEnumType(DeliveryMethod, {
  name: 'DeliveryMethod',
  description: 'How imagery is delivered, normalised from the upstream `deliveryTypeId`.',
  valuesConfig: {
    NETWORK: { description: '"network": into the contract\'s workspace (see `Contract.workspaceId`).' },
    MEDIA: { description: '"MEDIA": on a physical medium.' },
    OTHER: { description: 'Any other upstream delivery type; read `DeliveryType.id`.' },
  },
});

registerEnumType(TaskingStatus, {
  name: 'TaskingStatus',
  description:
    'A tasking status, normalised from the upstream text (kept verbatim in `Tasking.statusLabel`).',
  valuesConfig: {
    FEASIBILITY_STUDY: { description: '"Feasibility study in progress": Airbus experts study the request.' },
    IN_PROGRESS: { description: '"In Progress": acquisitions are being attempted.' },
    PAUSED: { description: '"Paused".' },
    CANCELED: { description: '"Canceled".' },
    COMPLETED: { description: '"Completed".' },
    OTHER: { description: 'Any other upstream status; read `statusLabel`.' },
  },
});

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'What is known of an order.',
  valuesConfig: {
    PLACED: { description: 'OneAtlas confirmed the order: `salesOrderId` is set.' },
    OUTCOME_UNKNOWN: {
      description:
        'The order was sent but its fate is not known yet (timeout, connection reset). It is not re-sent: ask again with the same input to learn the outcome; do not place a second order.',
    },
    AWAITING_APPROVAL: {
      description:
        'Priced above the tenant’s approval threshold: nothing is sent until a caller with the approve role calls `approveOrder` (or `rejectOrder`). Counts against the month’s budget meanwhile.',
    },
  },
});

registerEnumType(FeasibilityClassification, {
  name: 'FeasibilityClassification',
  description: 'How hard Airbus rates an acquisition (notes §2.2); it affects the ONEPLAN price.',
  valuesConfig: {
    EASY: { description: 'Easy to acquire.' },
    CHALLENGING: { description: 'Challenging to acquire.' },
  },
});

registerEnumType(FeasibilityAutomation, {
  name: 'FeasibilityAutomation',
  description: 'How an order is accepted.',
  valuesConfig: {
    AUTOMATIC: { description: 'At once, by an automatic rule.' },
    MANUAL: {
      description:
        "After a study by Airbus' tasking team, then the requester's confirmation (nothing is charged before).",
    },
  },
});

registerEnumType(TaskingAction, {
  name: 'TaskingAction',
  description: 'What the customer must do for a tasking to move on.',
  valuesConfig: {
    CONFIRM_AFTER_FEASIBILITY_STUDY: {
      description:
        "Airbus' tasking team studies the order's feasibility; nothing is charged yet. Once the study is done, the requester must confirm the order (or decline it) in the OneAtlas web application: the API has no call for it. The status stays FEASIBILITY_STUDY until then.",
    },
    DECIDE_PROPOSED_SEGMENTS: {
      description: 'Acquisitions wait for `acceptSegment` or `refuseSegment` (see `proposedSegmentCount`).',
    },
  },
});

export {
  AcquisitionMode,
  DeliveryMethod,
  FeasibilityAutomation,
  FeasibilityClassification,
  Mission,
  OrderStatus,
  ProgType,
  TaskingAction,
  TaskingStatus,
};
