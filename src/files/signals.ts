/**
 * Holds SIGINT and SIGTERM while a run writes: the write loop is synchronous, so without a handler the
 * default action would kill the process between two files and leave half a set. With one, the signal
 * waits until the loop is done; `settle` then lets it be delivered and says whether one came, and the
 * caller puts everything back. `release` restores the default behaviour.
 */
export function holdSignals(): { settle: () => Promise<NodeJS.Signals | undefined>; release: () => void } {
  let received: NodeJS.Signals | undefined;
  let reported = false;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    settle: async () => {
      // A signal that came during synchronous work is delivered when the event loop next polls.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
      reported = received !== undefined;
      return received;
    },
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A signal that came after the write was done and reported on is not swallowed: it ends the process as usual.
      if (received !== undefined && !reported) process.kill(process.pid, received);
    },
  };
}

/** The exit status of a process ended by `signal`, as shells report it: 128 + its number. */
export const signalExit = (signal: NodeJS.Signals): number => (signal === 'SIGINT' ? 130 : 143);
