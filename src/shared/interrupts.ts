// Cleanups that must run if the process is stopped (SIGINT, SIGTERM, SIGHUP): a half-built
// report or export, a kernel and its connection folder. They run synchronously, newest first, and
// then the signal is raised again so the process ends as it would have.
type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Best effort: one failed cleanup must not keep the others from running.
    }
  }
  cleanups.clear();
  for (const name of signals) process.removeListener(name, onSignal);
  process.kill(process.pid, signal);
}

/** Runs `cleanup` if the process is interrupted before the returned function is called. */
export function cleanUpOnInterrupt(cleanup: Cleanup): () => void {
  if (cleanups.size === 0) for (const name of signals) process.on(name, onSignal);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const name of signals) process.removeListener(name, onSignal);
  };
}

