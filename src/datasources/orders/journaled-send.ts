import { ErrorCode, GatewayError } from '../../errors.js';
import { UpstreamError } from '../upstream-errors.js';
import type { ErrorSummary, NotSentOutcome } from './order-journal.js';

/** What a failed send proves, and so what its journal record becomes. */
export type SendFailure =
  /** Nothing reached OneAtlas, or nothing was judged (the credential refused), or the record is no longer this sender's: the error is the answer. */
  | 'not-sent'
  /** OneAtlas refused it (a 4xx verdict): nothing was placed. */
  | 'refused'
  /** It may have reached OneAtlas: it is never sent again, but looked up. */
  | 'unknown';

/** How one journaled send records its departure, and its not leaving. */
export interface SendRecords {
  /** Just before it leaves; throws (and nothing is sent) when the claim was superseded. */
  markSent(): Promise<void>;
  /** NOT_SENT, under the journal's rule (`sentAsSeenSql`): `marked`, whether the sender saw it marked sent. */
  markNotSent(error: ErrorSummary, marked: boolean): Promise<NotSentOutcome>;
}

/**
 * One send of a paid order, a quotation's acceptance or a lifecycle action: `onDispatch` records it as
 * sent just before it leaves, and `failure` settles what a failure proves.
 *
 * The sender's own view of "sent" is not enough: its answer timer runs from the moment the call gets
 * its turn, so with a slow journal it may give up while the send is still being recorded, and the call
 * then leaves all the same. NOT_SENT is therefore the journal's decision, made where the record is:
 * when the journal has the send marked, the failure is of unknown outcome, like any send whose answer
 * was lost.
 */
export class JournaledSend {
  /** Whether this sender saw the send recorded (the journal may have it without the sender knowing). */
  private marked = false;

  constructor(private readonly records: SendRecords) {}

  readonly onDispatch = async (): Promise<void> => {
    await this.records.markSent();
    this.marked = true;
  };

  /**
   * What the send's failure with `error` proves, once NOT_SENT is journaled where it may be. Throws
   * when the journal cannot be written: the record then stays SENDING, for recovery to settle by
   * whether it was marked sent.
   */
  async failure(error: unknown): Promise<SendFailure> {
    if (!this.marked || neverReachedUpstream(error)) {
      const outcome = await this.records.markNotSent(errorSummary(error), this.marked);
      if (outcome !== 'marked-sent') return 'not-sent';
    }
    return isVerdict(error) ? 'refused' : 'unknown';
  }
}

/**
 * Refused before anything was handled, so nothing was judged: a 429 (whatever the method); a 401 or
 * 403, the gateway's credential refused (after the client's one token renewal), or the token
 * endpoint failing that renewal (the one send had its 401); or a connection the upstream refused
 * (ECONNREFUSED: no TCP connection, so no request). Nothing was placed, and a later call may send it
 * once the credential works again.
 */
export function neverReachedUpstream(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    (error.upstream === 'auth' ||
      error.status === 401 ||
      error.status === 403 ||
      error.status === 429 ||
      error.networkCause === 'ECONNREFUSED')
  );
}

/** The upstream's verdict on the order itself (a 4xx but 408 and those that never reached it): it placed nothing. */
export function isVerdict(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    !neverReachedUpstream(error)
  );
}

export function errorSummary(error: unknown): ErrorSummary {
  if (error instanceof GatewayError) return { code: error.code, message: error.message };
  // Not a message for anyone: a plain error may carry anything.
  return { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'unexpected failure' };
}
