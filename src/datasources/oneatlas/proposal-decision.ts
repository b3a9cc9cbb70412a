import { ErrorCode } from '../../errors.js';
import { isOutage } from '../http/retry.js';
import { UpstreamError } from '../upstream-errors.js';

/**
 * One decision on an acquisition OneAtlas proposed: a legacy segment or a Neo coverage item. Neither
 * upstream documents an answer body, and both refuse a decision on an item no longer proposed, so
 * the item itself tells whether a decision was taken.
 */
export interface ProposalDecision<T> {
  /** Sends the decision once; the item when the upstream answered with it, else null. */
  send(): Promise<T | null>;
  /** The item read afresh; undefined when the read does not list it. */
  readNow(): Promise<T | undefined>;
  /** Whether the item shows this decision taken. */
  taken(item: T): boolean;
  /** The item known only by its decided status, when no read shows it. */
  assumed(): T;
}

/**
 * Sends a decision and answers the item as it left it. A decision that failed may still have been
 * taken: its answer lost (a network failure, a timeout, a 5xx), or refused as the retry of a decision
 * whose answer was lost (the item is no longer proposed). The item is then read afresh: when it shows
 * this decision, that is the answer; else the failure stands. A read that fails after a decision was
 * taken does not make it fail either.
 */
export async function decideProposal<T>(decision: ProposalDecision<T>): Promise<T> {
  let echoed: T | null;
  try {
    echoed = await decision.send();
  } catch (error) {
    if (!mayHaveBeenTaken(error)) throw error;
    const now = await decision.readNow().catch(() => undefined);
    if (now !== undefined && decision.taken(now)) return now;
    throw error;
  }
  return echoed ?? (await decision.readNow().catch(() => undefined)) ?? decision.assumed();
}

/**
 * Whether the item may show the decision despite the failure. Any refusal counts, not only the
 * simulator's `…_NOT_PROPOSED`: OneAtlas documents no code for a decision on a decided item.
 */
function mayHaveBeenTaken(error: unknown): boolean {
  return isOutage(error) || (error instanceof UpstreamError && error.code === ErrorCode.UPSTREAM_REJECTED);
}
