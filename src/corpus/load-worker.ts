// A worker thread of the corpus loader: reads and cleans each batch of files it is given.
import { loadBatch, type LoadBatchRequest } from "./load";
import { serveBatches } from "../shared/worker-pool";

serveBatches((request: LoadBatchRequest) => loadBatch(request));
