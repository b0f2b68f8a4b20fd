/**
 * Holds SIGINT and SIGTERM while a run writes: the write loop is synchronous, so without a handler the
 * default action would kill the process between two files and leave half a set. With one, the signal
 * waits until the loop is done; `settle` then lets it be delivered and says whether one came, and the
 * caller puts everything back. After `settle` (or `release`), a signal exits at once with 128 + its number.
 */
export function holdSignals(): { settle: () => Promise<NodeJS.Signals | undefined>; release: () => void } {
  let received: NodeJS.Signals | undefined;
  let settled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // After the run was settled and reported on, a signal ends the process as it would have without us.
    if (settled) process.exit(signalExit(signal));
    received ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    settle: async () => {
      // A signal that came during synchronous work is delivered when the event loop next polls. One
      // immediate may run before that poll (when the work ran in an I/O callback); a second one, set from
      // the first, runs in the next turn of the loop, after its poll.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      settled = true;
      return received;
    },
    release: () => {
      // The handlers stay until the process ends: removed now, a signal still queued in the event loop would
      // be dropped (and the process would exit 0 as if nothing came). The run is the process's last work.
      settled = true;
    },
  };
}

/** The exit status of a process ended by `signal`, as shells report it: 128 + its number. */
export const signalExit = (signal: NodeJS.Signals): number => (signal === 'SIGINT' ? 130 : 143);
