import { GraphQLError } from 'graphql';
import type { InputProblem, InputProblems } from './domain/input-problems.js';
import type { OptionProblem } from './domain/production-options.js';

/**
 * The stable `extensions.code` values the gateway answers with. Frontends switch on these,
 * so they are part of the API contract: add freely, never rename. The README lists them.
 */
export const ErrorCode = {
  /** The input broke a documented rule; the message names the field and the rule. Nothing was sent upstream. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A contract, tasking or segment the upstream does not know. */
  NOT_FOUND: 'NOT_FOUND',
  /** The upstream refused the request as invalid (its 400/409/422); `extensions.upstreamCode` says why. */
  UPSTREAM_REJECTED: 'UPSTREAM_REJECTED',
  /** OneAtlas refused the configured API key (or the gateway has none for this call). Not retried. */
  UPSTREAM_AUTH_FAILED: 'UPSTREAM_AUTH_FAILED',
  /** OneAtlas answered 429; `extensions.retryAfterSeconds` says when to come back. */
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  /** OneAtlas did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** OneAtlas is down, unreachable, or answered 5xx (or failed so often that the gateway stopped calling it for a while: `extensions.retryAfterSeconds`). */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /**
   * The gateway's queue towards OneAtlas is full, or the call would have waited past its deadline for
   * its turn under the upstream's rate limit. Nothing was sent; retry after `extensions.retryAfterSeconds`.
   */
  UPSTREAM_BUSY: 'UPSTREAM_BUSY',
  /**
   * `createOrder` was called with an idempotency key (or customer reference) already used for a
   * different order input whose outcome is placed or not yet known. Nothing was sent.
   */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /** No credentials, or credentials the gateway does not accept (bad, expired or untrusted token, unknown API key). HTTP 401. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /**
   * The caller's role does not allow this field, or the contract, tasking, segment or order is not its
   * tenant's. Says nothing about whether the object exists. Nothing was sent upstream.
   */
  FORBIDDEN: 'FORBIDDEN',
  /**
   * One request would cause more upstream calls than the per-request budget
   * (REQUEST_UPSTREAM_CALL_BUDGET, default 20); the message says the limit. Calls past it were not sent.
   */
  UPSTREAM_CALL_BUDGET_EXCEEDED: 'UPSTREAM_CALL_BUDGET_EXCEEDED',
  /**
   * The request passed its overall deadline (REQUEST_DEADLINE_SECONDS, default 25 s); its calls still
   * waiting for a turn at OneAtlas were cancelled, unsent. Reads in flight are no longer waited for.
   */
  REQUEST_DEADLINE_EXCEEDED: 'REQUEST_DEADLINE_EXCEEDED',
  /** The request ended (answered, or its client went away) before this upstream call got its turn; nothing was sent. */
  REQUEST_CANCELLED: 'REQUEST_CANCELLED',
  /**
   * A shared store (Redis, PostgreSQL) that this replica needs did not answer. The replica refuses
   * rather than fall back to private state; nothing was sent upstream. Retry shortly.
   */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /**
   * The order journal cannot be written (data folder removed, disk full, read-only, corrupt; or its
   * PostgreSQL is unreachable). No order is sent that could not be recorded; retry with the same input.
   */
  JOURNAL_UNAVAILABLE: 'JOURNAL_UNAVAILABLE',
  /**
   * The order's price does not fit in what is left of the tenant's monthly budget; nothing was sent.
   * `extensions.remainingAmount` and `extensions.currency` say what is left this calendar month.
   */
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  /** `approveOrder` or `rejectOrder` named an order that is not awaiting approval (anymore); nothing was sent. */
  NOT_AWAITING_APPROVAL: 'NOT_AWAITING_APPROVAL',
  /**
   * `price` or `requestQuotation` of an order that needs Airbus' manual feasibility study (STEREO,
   * TRISTEREO, or a MANUAL feasibility): it has no price before the study. `extensions.field` names
   * the input that makes it so. Nothing was sent; `createOrder` places such a legacy order.
   */
  FEASIBILITY_STUDY_REQUIRED: 'FEASIBILITY_STUDY_REQUIRED',
  /** `acceptQuotation` or `refuseQuotation` after the quotation's `validUntil`; nothing was sent. */
  QUOTATION_EXPIRED: 'QUOTATION_EXPIRED',
  /**
   * The quotation was already accepted or refused (through the gateway or in OneAtlas); nothing was
   * sent. Accepting twice is not this error: the second acceptance answers the first.
   */
  QUOTATION_ALREADY_DECIDED: 'QUOTATION_ALREADY_DECIDED',
  /** `cancelOrderItem` after the item's `cancellationDeadline`; nothing was sent (`stopOrderItem` still works). */
  CANCELLATION_DEADLINE_PASSED: 'CANCELLATION_DEADLINE_PASSED',
  /**
   * The order item or tasking cannot be cancelled or stopped any more (completed, cancelled, stopped),
   * or not yet (a Neo item whose quotation is not accepted: refuse the quotation). Nothing was sent.
   */
  NOT_CANCELLABLE: 'NOT_CANCELLABLE',
  /** A file (`/files/…`) larger than the gateway serves (FILE_MAX_BYTES). HTTP 502 on the file route. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** The gateway itself failed; details are in its log under the request id, never in the response. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface GatewayErrorExtensions {
  upstreamCode?: string;
  /**
   * A 4xx about the client's own input: the upstream's message, cleaned (no URL, token, key or
   * header; at most 200 characters), so a form can say which property is wrong. Never for 5xx or
   * authentication errors.
   */
  upstreamMessage?: string;
  /** The `X-Ads-Correlation-Id` the gateway sent with the failed OneAtlas call: quote it to Airbus' support. */
  correlationId?: string;
  upstreamStatus?: number;
  retryAfterSeconds?: number;
  /** BAD_USER_INPUT: the first field named in `problems`; other codes: the input field they are about. */
  field?: string;
  /**
   * BAD_USER_INPUT: every problem the checks before the upstream found in the input, at once, each with
   * its field and message (and, where known, its allowed values and default).
   */
  problems?: InputProblem[];
  /**
   * BAD_USER_INPUT on production options: the option problems among `problems`, in their earlier shape
   * (kept for clients that read it; `problems` has the same entries).
   */
  optionProblems?: OptionProblem[];
  /** BAD_USER_INPUT on a contract of the wrong back end: the contract's own, `legacy` or `neo`. */
  backendSource?: string;
  /** BUDGET_EXCEEDED: what is left of the month's budget, in `currency`. */
  remainingAmount?: number;
  currency?: string;
  /** Read by Apollo for the HTTP status of a request-level error, and removed from the response. */
  http?: { status: number };
}

/**
 * The only error type that may carry a message to the client. Anything else thrown
 * below the resolvers is masked as INTERNAL_SERVER_ERROR by the server's formatError.
 */
export class GatewayError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: GatewayErrorExtensions = {},
  ) {
    super(message, { extensions: { code, ...extensions } });
    this.name = 'GatewayError';
  }
}

/** One input problem, refused on its own: a check that cannot go on without its field. */
export function badUserInput(field: string, rule: string): GatewayError {
  return inputRefused([{ field, message: rule }]);
}

/**
 * The input's problems, refused in one answer: one message naming them all (the field once before its
 * run of problems: `input.options: a; b; input.window: c`), `field` the first one's, and the list.
 */
export function inputRefused(problems: readonly InputProblem[]): GatewayError {
  const parts = problems.map((problem, index) =>
    index > 0 && problems[index - 1]?.field === problem.field
      ? problem.message
      : `${problem.field}: ${problem.message}`,
  );
  const optionProblems = problems.flatMap((problem) =>
    problem.option === undefined || problem.reason === undefined
      ? []
      : [
          {
            option: problem.option,
            reason: problem.reason,
            message: problem.message,
            allowedValues: problem.allowedValues ?? [],
            range: problem.range ?? null,
            defaultValue: problem.defaultValue ?? null,
          } as OptionProblem,
        ],
  );
  return new GatewayError(ErrorCode.BAD_USER_INPUT, parts.join('; '), {
    field: problems[0]?.field ?? 'input',
    problems: [...problems],
    ...(optionProblems.length > 0 ? { optionProblems } : {}),
  });
}

/** Production options refused by the product's rules, as input problems of `field`. */
export function optionProblemsOf(field: string, problems: readonly OptionProblem[]): InputProblem[] {
  return problems.map((problem) => ({
    field,
    message: problem.message,
    option: problem.option,
    reason: problem.reason,
    allowedValues: problem.allowedValues,
    range: problem.range,
    defaultValue: problem.defaultValue,
  }));
}

/**
 * Runs one check of the input; a BAD_USER_INPUT it throws joins `problems` instead of ending the
 * request, and the check's value is then undefined. Any other error goes on.
 */
export function collectProblems<T>(problems: InputProblems, check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
    const found = error.extensions.problems as InputProblem[] | undefined;
    for (const problem of found ?? []) problems.add(problem);
    return undefined;
  }
}

/** Ends the request with every problem found, when there is any. */
export function refuseIfAny(problems: InputProblems): void {
  if (!problems.isEmpty) throw inputRefused(problems.list);
}

/** Credentials missing or refused; `reason` must not quote the credentials. */
export function unauthenticated(reason: string): GatewayError {
  return new GatewayError(ErrorCode.UNAUTHENTICATED, `Not authenticated: ${reason}.`, {
    http: { status: 401 },
  });
}

/**
 * A refusal. For objects the message is always the same, so it never tells whether the object
 * exists; a missing role may be named (`needs`), as that says nothing about data.
 */
export function forbidden(needs?: string): GatewayError {
  return new GatewayError(
    ErrorCode.FORBIDDEN,
    `Not allowed for this caller${needs ? `: needs ${needs}` : ''}.`,
  );
}
