// A worker thread of the streaming counter: answers each batch of files with its counts.
import { serveBatches } from "../shared/worker-pool";
import { countBatch, type StreamBatchRequest } from "./stream-batch";

serveBatches((request: StreamBatchRequest) => countBatch(request, true));
