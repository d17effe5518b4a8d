// How many cores this process may keep busy: every core, unless WENXI_CORES says fewer. The report
// runner sets it for each kernel to its share (cores ÷ notebooks run at once): two kernels on two
// cores that each started a worker per spare core ran four threads on two cores, and every worker
// holds its own jieba dictionary (~250 MB). Worker-thread defaults (loading, streaming counts,
// tokenizeParallel) are this minus one.
import { availableParallelism } from "node:os";

export function usableCores(): number {
  const cores = availableParallelism();
  const limit = Number(process.env.WENXI_CORES);
  return Number.isInteger(limit) && limit >= 1 ? Math.min(cores, limit) : cores;
}
