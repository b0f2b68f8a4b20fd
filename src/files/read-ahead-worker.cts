// The reader thread of read-ahead.ts: fills the ring of slots with the files' bytes, in order.
// CommonJS, importing nothing of ours (the ring's layout comes in workerData): the thread then starts
// without Node's ES module loader and is reading sooner, on the core V8's compiler needs while the
// checker warms up (a 10k check, 21 alternating runs: min/median 585/612 -> 570/600 ms).
import fs = require('node:fs');
import threads = require('node:worker_threads');
import type { Layout } from './read-ahead.js';

const { paths, control: controlBuffer, slots, layout } = threads.workerData as { paths: string[]; control: SharedArrayBuffer; slots: SharedArrayBuffer; layout: Layout };
const { CHECKER_WAITS, CLAIMED, CONSUMED, FIRST, LENGTHS, PAUSE, PRODUCED, READY, SLOTS, SLOT_BYTES, STOP } = layout;
const { closeSync, openSync, readSync } = fs;
const control = new Int32Array(controlBuffer);
const bytes = Buffer.from(slots);
const probe = Buffer.alloc(1);

/** Reads a file into its slot; the length, or -1 when it does not fit or cannot be read. */
function fill(path: string, at: number): number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return -1;
  }
  try {
    let length = 0;
    for (;;) {
      const n = readSync(fd, bytes, at + length, SLOT_BYTES - length, null);
      if (n === 0) return length;
      length += n;
      if (length === SLOT_BYTES) return readSync(fd, probe, 0, 1, null) === 0 ? length : -1;
    }
  } catch {
    return -1;
  } finally {
    closeSync(fd);
  }
}

Atomics.store(control, READY, 1);
Atomics.wait(control, FIRST, -1);
const first = Atomics.load(control, FIRST);
for (;;) {
  const nth = Atomics.load(control, CLAIMED);
  if (first + nth >= paths.length || Atomics.load(control, STOP) !== 0) break;
  // The ring is full: sleep until the checker has freed half of it, looking every millisecond (the checker
  // does not wake this thread: see read-ahead.ts).
  if (nth - Atomics.load(control, CONSUMED) >= SLOTS) {
    while (nth - Atomics.load(control, CONSUMED) > SLOTS / 2 && Atomics.load(control, STOP) === 0) Atomics.wait(control, PAUSE, 0, 1);
  }
  if (Atomics.load(control, STOP) !== 0) break;
  // The checker reads a file itself when it gets there first (see read-ahead.ts): then try the next one.
  if (Atomics.compareExchange(control, CLAIMED, nth, nth + 1) !== nth) continue;
  const slot = nth % SLOTS;
  control[LENGTHS + slot] = fill(paths[first + nth] ?? '', slot * SLOT_BYTES);
  Atomics.store(control, PRODUCED, nth + 1);
  if (Atomics.load(control, CHECKER_WAITS) === 1) Atomics.notify(control, PRODUCED);
}
