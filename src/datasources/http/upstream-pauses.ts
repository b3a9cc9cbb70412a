import { ErrorCode, GatewayError } from '../../errors.js';
import type { RateScheduler } from './scheduler.js';

export type UpstreamApiName = 'order' | 'search';

/** One credential's scheduler for one API, as the operations view lists it. */
export interface PausableScheduler {
  credentialId: string;
  api: UpstreamApiName;
  scheduler: Pick<RateScheduler<unknown>, 'pauseStatus' | 'clearPause'>;
}

export interface UpstreamPauseView {
  credentialId: string;
  api: UpstreamApiName;
  /** Milliseconds left of the pause after a 429; 0 when calls flow. */
  pausedForMs: number;
  /** When the pause ends, or null when there is none. */
  pausedUntil: Date | null;
  /** False when this replica alone knows of the pause (Redis did not record it, or cannot be read). */
  shared: boolean;
  waitingCalls: number;
  callsInFlight: number;
}

/**
 * The operator's view of the pauses that 429s imposed (shared by the fleet when the rate gate is
 * Redis), and the one action on them: ending a pause early, for instance after a Retry-After that
 * asked for far more than the documented 10-minute ban.
 */
export class UpstreamPauses {
  constructor(private readonly schedulers: readonly PausableScheduler[]) {}

  async list(): Promise<UpstreamPauseView[]> {
    return Promise.all(this.schedulers.map((entry) => this.view(entry)));
  }

  /** Ends the pause of `api` for one credential, or for every credential when none is named. */
  async clear(api: UpstreamApiName, credentialId?: string): Promise<UpstreamPauseView[]> {
    const chosen = this.schedulers.filter(
      (entry) => entry.api === api && (credentialId === undefined || entry.credentialId === credentialId),
    );
    if (chosen.length === 0) {
      throw new GatewayError(ErrorCode.NOT_FOUND, 'No OneAtlas credential has this id.');
    }
    for (const entry of chosen) await entry.scheduler.clearPause();
    return Promise.all(chosen.map((entry) => this.view(entry)));
  }

  private async view({ credentialId, api, scheduler }: PausableScheduler): Promise<UpstreamPauseView> {
    const { pausedForMs, shared, waitingCalls, callsInFlight } = await scheduler.pauseStatus();
    return {
      credentialId,
      api,
      pausedForMs,
      pausedUntil: pausedForMs > 0 ? new Date(Date.now() + pausedForMs) : null,
      shared,
      waitingCalls,
      callsInFlight,
    };
  }
}
