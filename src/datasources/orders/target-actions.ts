import { type TargetActionRecord, TargetActionState, type TargetKey } from '../../domain/order-journal.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { errorSummary, JournaledSend, type SendFailure } from './journaled-send.js';
import type {
  ErrorSummary,
  NewTargetAction,
  OrderJournalStore,
  SettledActionState,
} from './order-journal.js';

/** How one action on one target is checked, sent and confirmed. */
export interface TargetActionSteps {
  /** Refuses, before anything is journaled or sent, what the upstream would refuse anyway. */
  check(): Promise<void>;
  /** Sends the action once; `onDispatch` runs just before it leaves. */
  send(onDispatch: () => Promise<void>): Promise<void>;
  /** Whether the target now shows the action done: settles an action whose answer was lost. */
  confirm(): Promise<boolean>;
}

export interface TargetActionsOptions {
  journal: OrderJournalStore;
  /** A claim left SENDING and never dispatched this long ago was abandoned by a stopped process. */
  abandonedAfterMs: number;
  now?: () => number;
}

/**
 * Lifecycle actions (cancel, stop, refuse) performed at most once per target, across replicas: the
 * journal's claim on (action, contract, target) decides which call sends; every other call answers the
 * first outcome (DONE, the same refusal, or OUTCOME_UNKNOWN until the target shows it done). Only an
 * action that provably never reached the upstream leaves its target free for the next call.
 */
export class TargetActions {
  private readonly journal: OrderJournalStore;
  private readonly abandonedAfterMs: number;
  private readonly now: () => number;

  constructor(options: TargetActionsOptions) {
    this.journal = options.journal;
    this.abandonedAfterMs = options.abandonedAfterMs;
    this.now = options.now ?? Date.now;
  }

  record(key: TargetKey): Promise<TargetActionRecord | undefined> {
    return this.journal.targetAction(key);
  }

  /** `logger`: the logger of the request the action is performed for. */
  async perform(
    action: NewTargetAction,
    steps: TargetActionSteps,
    logger: Logger,
  ): Promise<TargetActionRecord> {
    const known = await this.journal.targetAction(action);
    const answer = known === undefined ? null : await this.answerKnown(known, steps, logger);
    if (answer !== null) return answer;
    await steps.check();
    const claim = await this.journal.claimAction(action, this.abandonedBefore());
    if (claim.kind === 'held') return (await this.answerKnown(claim.record, steps, logger)) ?? claim.record;
    return this.send(claim.record, steps, logger);
  }

  /** The first outcome, for a target an action already holds; null when the target is free. */
  private async answerKnown(
    record: TargetActionRecord,
    steps: TargetActionSteps,
    logger: Logger,
  ): Promise<TargetActionRecord | null> {
    if (record.state === TargetActionState.NOT_SENT) return null;
    if (record.state === TargetActionState.REFUSED) throw refusalOf(record);
    const abandoned = record.state === TargetActionState.SENDING && record.createdAt < this.abandonedBefore();
    if (abandoned && record.sentAt === null) return null;
    if (record.state !== TargetActionState.OUTCOME_UNKNOWN && !abandoned) return record;
    // Sent and never answered: the target itself tells whether it happened; it is never sent again.
    const done = await steps.confirm().catch(() => false);
    if (!done && record.state === TargetActionState.OUTCOME_UNKNOWN) return record;
    return this.settle(
      record,
      done ? TargetActionState.DONE : TargetActionState.OUTCOME_UNKNOWN,
      null,
      logger,
    );
  }

  private async send(
    record: TargetActionRecord,
    steps: TargetActionSteps,
    logger: Logger,
  ): Promise<TargetActionRecord> {
    const send = new JournaledSend({
      markSent: () => this.journal.markActionSent(record, record.claimId),
      markNotSent: (error, marked) => this.journal.markActionNotSent(record, record.claimId, error, marked),
    });
    try {
      await steps.send(send.onDispatch);
    } catch (error) {
      const summary = errorSummary(error);
      let failure: SendFailure;
      try {
        failure = await send.failure(error);
      } catch (journalError) {
        // Left SENDING: taken over once abandoned if it was never marked sent, else confirmed on the target.
        this.journalFailed(record, TargetActionState.NOT_SENT, journalError, logger);
        throw error;
      }
      if (failure === 'not-sent') throw error;
      if (failure === 'refused') {
        await this.settle(record, TargetActionState.REFUSED, summary, logger);
        throw error;
      }
      logger.warn({ action: record.action, code: summary.code }, 'action outcome unknown');
      return this.settle(record, TargetActionState.OUTCOME_UNKNOWN, summary, logger);
    }
    return this.settle(record, TargetActionState.DONE, null, logger);
  }

  /**
   * Records the outcome; a journal that cannot does not hide it from the caller (an unsent action is
   * then recovered as abandoned, a sent one answers as it stood).
   */
  private async settle(
    record: TargetActionRecord,
    state: SettledActionState,
    error: ErrorSummary | null,
    logger: Logger,
  ): Promise<TargetActionRecord> {
    try {
      return await this.journal.settleAction(record, record.claimId, state, error);
    } catch (journalError) {
      this.journalFailed(record, state, journalError, logger);
      return { ...record, state, errorCode: error?.code ?? null, errorMessage: error?.message ?? null };
    }
  }

  private journalFailed(
    record: TargetActionRecord,
    state: TargetActionState,
    journalError: unknown,
    logger: Logger,
  ): void {
    logger.error(
      { action: record.action, state, code: errorSummary(journalError).code },
      'action outcome could not be journaled',
    );
  }

  private abandonedBefore(): Date {
    return new Date(this.now() - this.abandonedAfterMs);
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** The first call's refusal, told again: the same code and message. */
function refusalOf(record: TargetActionRecord): GatewayError {
  const code =
    record.errorCode !== null && KNOWN_CODES.has(record.errorCode)
      ? (record.errorCode as ErrorCode)
      : ErrorCode.UPSTREAM_REJECTED;
  return new GatewayError(
    code,
    `${record.errorMessage ?? 'OneAtlas refused it.'} (answered at ${record.updatedAt.toISOString()}; not sent again)`,
  );
}
