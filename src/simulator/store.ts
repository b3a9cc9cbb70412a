/**
 * The one place the simulator's state lives. In memory by default; with a state file, every change is
 * written atomically (temporary file + rename) so a killed simulator never leaves half a file, and a
 * restarted one picks up its orders, taskings and clock where they were.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SimulatorState } from './state.js';

export interface StateStore {
  /** Secret of this simulator's segmentKey signatures; persisted so keys survive a restart. */
  readonly segmentKeySecret: string;
  /** Reads the state without changing it. */
  view<T>(query: (state: Readonly<SimulatorState>) => T): T;
  /** Changes the state; the change is persisted before this returns. */
  transact<T>(mutation: (state: SimulatorState) => T): T;
  /** Replaces the whole state (the control API's reset). */
  replace(state: SimulatorState): void;
}

const STATE_FILE_FORMAT = 'oneatlas-simulator-state/1';

interface StateFileContent {
  format: typeof STATE_FILE_FORMAT;
  segmentKeySecret: string;
  state: SimulatorState;
}

class InMemoryStateStore implements StateStore {
  constructor(
    protected state: SimulatorState,
    readonly segmentKeySecret: string,
  ) {}

  view<T>(query: (state: Readonly<SimulatorState>) => T): T {
    return query(this.state);
  }

  transact<T>(mutation: (state: SimulatorState) => T): T {
    const result = mutation(this.state);
    this.persist();
    return result;
  }

  replace(state: SimulatorState): void {
    this.state = state;
    this.persist();
  }

  protected persist(): void {
    // Memory is the only storage: nothing to write.
  }
}

class FileStateStore extends InMemoryStateStore {
  constructor(
    state: SimulatorState,
    segmentKeySecret: string,
    private readonly stateFile: string,
  ) {
    super(state, segmentKeySecret);
  }

  protected override persist(): void {
    const content: StateFileContent = {
      format: STATE_FILE_FORMAT,
      segmentKeySecret: this.segmentKeySecret,
      state: this.state,
    };
    const temporaryFile = `${this.stateFile}.${process.pid}.tmp`;
    writeFileSync(temporaryFile, JSON.stringify(content));
    renameSync(temporaryFile, this.stateFile);
  }
}

function readStateFile(stateFile: string): StateFileContent {
  const content = JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<StateFileContent>;
  if (
    content.format !== STATE_FILE_FORMAT ||
    typeof content.segmentKeySecret !== 'string' ||
    !content.state
  ) {
    throw new Error(`${stateFile} is not a OneAtlas simulator state file (${STATE_FILE_FORMAT})`);
  }
  return content as StateFileContent;
}

/** Opens the state file when given (seeding it when it does not exist yet), else a fresh in-memory state. */
export function openStateStore(stateFile: string | undefined, seed: () => SimulatorState): StateStore {
  if (stateFile === undefined) return new InMemoryStateStore(seed(), randomBytes(32).toString('hex'));
  if (existsSync(stateFile)) {
    const content = readStateFile(stateFile);
    return new FileStateStore(content.state, content.segmentKeySecret, stateFile);
  }
  const store = new FileStateStore(seed(), randomBytes(32).toString('hex'), stateFile);
  store.transact(() => undefined);
  return store;
}
