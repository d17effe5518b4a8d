// A worker thread of the streaming counter: answers each batch of files with its counts.
import { parentPort } from "node:worker_threads";
import { countBatch, type StreamBatchRequest } from "./stream-batch";

parentPort?.on("message", (request: StreamBatchRequest) => {
  countBatch(request, true).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ error: (error as Error).stack ?? String(error) }),
  );
});
