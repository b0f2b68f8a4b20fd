import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledModule, isCompiled } from '../paths.js';

/**
 * Reads files on a second thread while this one checks them. Opening, reading and closing 10,000 files
 * costs about 80-120 ms of system calls; a reader thread does them ahead, into a ring of shared slots,
 * and this thread only decodes. Files that do not fit a slot (over 64 KB) or fail to read come back
 * marked "read it yourself", so sizes and errors are handled in one place (FileReader).
 *
 * The two threads share counters, not per-slot locks: the reader fills slots while fewer than SLOTS
 * are unread; with the ring full it sleeps, looking every millisecond, until half the ring is free, so
 * it works in bursts. This thread never wakes it: a wake-up (Atomics.notify, about 200 per 10k check)
 * cost this thread 4 to 37 ms per 10k check, measured, as the woken reader often took this core.
 * (A millisecond holds about 30-35 files' checking. With 64 slots the half ring left was about that, and
 * 128 made a 10k check 6-18 ms faster, in three sets of 21-25 alternating runs, for 1.7 MB more peak
 * RSS (the shared buffer is 4 MiB larger; only the pages written count); 256 gained nothing more.)
 *
 * Each file is claimed before it is read (CLAIMED, by compare-and-swap): when this thread reaches a file
 * the reader has not claimed yet (on 2 cores, V8's compiler often has the reader's core), it claims and
 * reads it itself instead of waiting; it waits only for a file the reader is reading.
 */
export const SLOTS = 128;
export const SLOT_BYTES = 64 * 1024;
/** Control words. FIRST: the index the reader starts at (-1 until this thread says). */
export const READY = 0;
export const FIRST = 1;
export const STOP = 2;
/** How many files the reader has made available, and how many this thread has finished with. */
export const PRODUCED = 3;
export const CONSUMED = 4;
/** The word the reader sleeps on (it never changes: the reader wakes after its timeout, or at close). */
export const PAUSE = 5;
/** Set while this thread sleeps, so the reader knows to wake it. */
export const CHECKER_WAITS = 6;
/** The next file (counted from FIRST) not claimed yet by either thread. */
export const CLAIMED = 7;
/** Then one word per slot: the length, or -1 for "read it yourself". */
export const LENGTHS = 8;
/** The ring's layout, for the reader thread (which imports none of our modules: see read-ahead-worker.cts). */
const LAYOUT = { SLOTS, SLOT_BYTES, READY, FIRST, STOP, PRODUCED, CONSUMED, PAUSE, CHECKER_WAITS, CLAIMED, LENGTHS };
export type Layout = typeof LAYOUT;

/** How long this thread waits for the reader before reading the rest itself (the reader is stuck or gone). */
const PATIENCE_MS = 2000;

export class ReadAhead {
  private readonly control: Int32Array;
  private readonly bytes: Buffer;
  private readonly worker: Worker;
  /** The first index the reader reads; until it is ready, this thread reads for itself. */
  private first = -1;
  private holding = false;
  private gaveUp = false;

  constructor(paths: string[]) {
    const control = new SharedArrayBuffer((LENGTHS + SLOTS) * 4);
    const slots = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
    this.control = new Int32Array(control);
    this.control[FIRST] = -1;
    this.bytes = Buffer.from(slots);
    this.worker = new Worker(compiledModule('files/read-ahead-worker.cjs'), { workerData: { paths, control, slots, layout: LAYOUT } });
    this.worker.unref();
    // A reader that fails to start changes nothing: this thread keeps reading for itself.
    this.worker.on('error', () => undefined);
  }

  /** Whether the reader thread has started (until then, `read` reads on this thread). */
  get ready(): boolean {
    return Atomics.load(this.control, READY) === 1;
  }

  /**
   * The bytes of file `index` (files are asked for in order, each once), valid until the next call.
   * `readSelf` reads it on this thread.
   */
  read(index: number, readSelf: () => Buffer): Buffer {
    this.release();
    if (this.gaveUp) return readSelf();
    const { control } = this;
    if (this.first < 0) {
      if (Atomics.load(control, READY) !== 1) return readSelf();
      this.first = index;
      Atomics.store(control, FIRST, index);
      Atomics.notify(control, FIRST);
    }
    const nth = index - this.first;
    let produced = Atomics.load(control, PRODUCED);
    // Not claimed by the reader yet: read it here rather than wait for the reader to get there.
    if (produced <= nth && Atomics.compareExchange(control, CLAIMED, nth, nth + 1) === nth) {
      this.holding = true;
      return readSelf();
    }
    while (produced <= nth) {
      Atomics.store(control, CHECKER_WAITS, 1);
      const waited = Atomics.wait(control, PRODUCED, produced, PATIENCE_MS);
      Atomics.store(control, CHECKER_WAITS, 0);
      if (waited === 'timed-out') {
        this.close();
        return readSelf();
      }
      produced = Atomics.load(control, PRODUCED);
    }
    this.holding = true;
    const slot = nth % SLOTS;
    const length = control[LENGTHS + slot] ?? -1;
    return length < 0 ? readSelf() : this.bytes.subarray(slot * SLOT_BYTES, slot * SLOT_BYTES + length);
  }

  /** Stops the reader (it may be sleeping on a full ring, or not started yet). */
  close(): void {
    this.gaveUp = true;
    const { control } = this;
    Atomics.store(control, STOP, 1);
    Atomics.store(control, FIRST, Math.max(this.first, 0));
    Atomics.notify(control, FIRST);
    Atomics.notify(control, PAUSE);
    void this.worker.terminate();
  }

  private release(): void {
    if (!this.holding) return;
    this.holding = false;
    Atomics.add(this.control, CONSUMED, 1);
  }
}

/** Below this many files, starting the reader (about 30 ms on the other core) is not worth it. */
const READ_AHEAD_FROM = 256;
/**
 * With only 2 cores, the reader shares the second one with V8's compiler, which is busiest while the
 * checker warms up. Measured on corpus copies (11-21 alternating runs, medians, with and without):
 * 1k 277 vs 256 ms, 2k 375 vs 354, 4k 490 vs 477, 6k 578 vs 577, 8k 700 vs 731, 10k 781 vs 839.
 */
const READ_AHEAD_FROM_TWO_CORES = 6000;

/**
 * Whether a check of `count` files reads ahead: on 2 cores from READ_AHEAD_FROM_TWO_CORES files, on
 * more from READ_AHEAD_FROM, unless AGENTSMITH_THREADS=1 asks for one thread. The reader runs compiled
 * code only (tests that import the sources read on one thread).
 */
export function readAheadFor(count: number): boolean {
  if (availableParallelism() < 2 || count < readAheadFrom() || process.env.AGENTSMITH_THREADS === '1') return false;
  return isCompiled;
}

/** From how many files a check reads ahead on this machine. */
export const readAheadFrom = (): number => (availableParallelism() === 2 ? READ_AHEAD_FROM_TWO_CORES : READ_AHEAD_FROM);
