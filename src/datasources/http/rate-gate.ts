/**
 * Where a scheduler takes its turns at the upstream. The scheduler keeps its own queue, priorities and
 * fairness; before a call leaves it asks the gate of its credential and API for a turn, and gives the
 * turn back when the answer has arrived (or at the hold bound). One gate per process keeps today's
 * lanes; a shared gate (Redis) makes the budget one for every replica that uses the credential.
 */
export interface RateGate {
  /**
   * A turn for a call of `priority` now, or how long to wait before asking again. Asking says the
   * replica has such a call waiting (a shared gate lets more urgent waiting work elsewhere go first);
   * `moreWaiting` says calls of the same priority will still wait after this one starts.
   */
  acquire(priority: number, moreWaiting: boolean): GateAnswer | Promise<GateAnswer>;
  /** Nobody using this credential calls this API for `pauseMs` (after its 429). */
  pause(pauseMs: number): void | Promise<void>;
  /** Milliseconds left of the pause, 0 when none. */
  pausedForMs(): number | Promise<number>;
  /** Ends the pause now (an operator's decision). */
  clearPause(): void | Promise<void>;
}

/** Give this back when the call's answer has arrived, or once its hold bound has passed. */
export interface Turn {
  release(): void;
}

export type GateAnswer =
  | { turn: Turn }
  /**
   * `waitMs` is Infinity when only a turn given back by this process can help: the scheduler asks
   * again then. `paused` says the wait is a pause after a 429.
   */
  | { waitMs: number; paused: boolean };

export interface LocalRateGateOptions {
  /** Calls per second, counted where the upstream receives them. */
  maxRps: number;
  /** Calls in flight at once. */
  concurrency: number;
  now?: () => number;
}

/**
 * The budget of one process: `concurrency` lanes, each of which may start its next call
 * `concurrency / maxRps` seconds after its previous answer came back. Counting from the answer rather
 * than from the send keeps the pace at the upstream whatever the latency (a call is surely received
 * by the time it is answered), which is what a ban is measured on.
 */
export class LocalRateGate implements RateGate {
  private readonly spacingMs: number;
  private readonly now: () => number;
  private readonly laneBusy: boolean[];
  private readonly laneFreeAt: number[];
  private pausedUntil = 0;

  constructor({ maxRps, concurrency, now = () => performance.now() }: LocalRateGateOptions) {
    this.spacingMs = (1000 / maxRps) * concurrency;
    this.now = now;
    this.laneBusy = new Array<boolean>(concurrency).fill(false);
    this.laneFreeAt = new Array<number>(concurrency).fill(0);
  }

  acquire(): GateAnswer {
    const now = this.now();
    if (now < this.pausedUntil) return { waitMs: this.pausedUntil - now, paused: true };
    let nextFreeAt = Number.POSITIVE_INFINITY;
    for (let lane = 0; lane < this.laneBusy.length; lane += 1) {
      if (this.laneBusy[lane]) continue;
      const freeAt = this.laneFreeAt[lane] ?? 0;
      if (freeAt <= now) return { turn: this.take(lane) };
      nextFreeAt = Math.min(nextFreeAt, freeAt);
    }
    return { waitMs: nextFreeAt - now, paused: false };
  }

  pause(pauseMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(pauseMs, this.spacingMs));
  }

  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  clearPause(): void {
    this.pausedUntil = 0;
  }

  private take(lane: number): Turn {
    this.laneBusy[lane] = true;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.laneBusy[lane] = false;
        this.laneFreeAt[lane] = this.now() + this.spacingMs;
      },
    };
  }
}
