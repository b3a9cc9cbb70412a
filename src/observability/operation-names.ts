/**
 * The operation names metrics keep as labels: the example operations in `operations/` (what the
 * documented frontends send). Any other name is client-chosen text, so it is counted as `(other)`:
 * label values must stay bounded. A test keeps this list in step with `operations/`: a new example
 * operation adds its name here.
 */
export const DOCUMENTED_OPERATION_NAMES: ReadonlySet<string> = new Set([
  'AcceptCoverage',
  'AcceptQuotation',
  'AcceptSegment',
  'ApproveOrder',
  'Attempts',
  'CancelOrderItem',
  'CancelTasking',
  'ClearUpstreamPause',
  'Contracts',
  'CreateOrder',
  'DecisionQueue',
  'Feasibility',
  'Imagery',
  'Markets',
  'NeoOrderItem',
  'NeoOrderItems',
  'OrderAttempt',
  'OrderAttempts',
  'Price',
  'ProductTypes',
  'ProductionOptions',
  'RefuseCoverage',
  'RefuseQuotation',
  'RefuseSegment',
  'RejectOrder',
  'RequestQuotation',
  'StopOrderItem',
  'Tasking',
  'TaskingLine',
  'TaskingLines',
  'Taskings',
  'UpstreamPauses',
]);

export const ANONYMOUS_OPERATION = '(anonymous)';
export const OTHER_OPERATION = '(other)';
/** A request refused before its operation was read (authentication failed). */
export const UNREAD_OPERATION = '(unread)';

/** The metric label of an operation name: the name if documented, else a bucket. */
export function operationLabel(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return ANONYMOUS_OPERATION;
  return DOCUMENTED_OPERATION_NAMES.has(name) ? name : OTHER_OPERATION;
}
