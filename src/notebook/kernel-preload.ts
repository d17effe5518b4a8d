// Loaded (node --require) before tslab in every kernel wenxi starts or installs. tslab publishes
// each console.log without waiting for the previous send; after 512 quick sends zeromq.js defers
// the next write and throws EBUSY ("only one send operation may be in progress") for every send
// meanwhile, so a cell printing ~500 lines lost its output and its final idle status and never
// finished. A publisher with a send timeout of 0 always sends at once, and with no high-water
// mark it queues rather than drops (at the default of 1,000 a burst of 20,000 lines lost some):
// every Publisher tslab creates gets both.
import * as path from "node:path";
import { installConversionCache } from "./conversion-cache";

type SocketClass = new (options?: Record<string, unknown>) => object;

function patchPublisher(): void {
  let zeromqPath: string;
  try {
    zeromqPath = require.resolve("zeromq", { paths: [path.dirname(require.resolve("tslab/package.json")), __dirname] });
  } catch {
    return; // no zeromq to patch: tslab will report its own error
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zeromq = require(zeromqPath) as { Publisher: SocketClass };
  const Publisher = zeromq.Publisher;
  class UnboundedPublisher extends Publisher {
    constructor(options: Record<string, unknown> = {}) {
      super({ sendTimeout: 0, sendHighWaterMark: 0, ...options });
    }
  }
  Object.defineProperty(zeromq, "Publisher", { configurable: true, enumerable: true, writable: true, value: UnboundedPublisher });
}

patchPublisher();

/**
 * A kernel started by `wenxi report` (WENXI_PARENT_PID set) ends itself, and its process group
 * with what its cells started, once that process is gone: a report run killed with SIGKILL cannot
 * clean up, and each orphaned kernel holds ~240 MB. Kernels that Jupyter starts have no such variable.
 */
function endWithParent(): void {
  const parent = Number(process.env.WENXI_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 0) return;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      process.exit(1);
    }
  }, 500);
  watch.unref();
}

endWithParent();

// Within `wenxi report`: cells converted before are not type-checked and compiled again when
// nothing that decided their conversion changed (conversion-cache.ts).
if (process.env.WENXI_CONVERSION_CACHE) {
  try {
    installConversionCache(process.env.WENXI_CONVERSION_CACHE);
  } catch {
    // tslab converts every cell itself, as in any kernel.
  }
}
