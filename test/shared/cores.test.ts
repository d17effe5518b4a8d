// The cores a process may keep busy: all of them, or its share when the report runner says so.
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { usableCores } from "../../src/shared/cores";

const saved = process.env.WENXI_CORES;
afterEach(() => {
  if (saved === undefined) delete process.env.WENXI_CORES;
  else process.env.WENXI_CORES = saved;
});

describe("usableCores", () => {
  it("is every core unless WENXI_CORES gives a smaller whole number ≥ 1", () => {
    delete process.env.WENXI_CORES;
    expect(usableCores()).toBe(availableParallelism());
    process.env.WENXI_CORES = "1";
    expect(usableCores()).toBe(1);
    process.env.WENXI_CORES = String(availableParallelism() + 8);
    expect(usableCores()).toBe(availableParallelism());
    for (const wrong of ["0", "-2", "1.5", "two", ""]) {
      process.env.WENXI_CORES = wrong;
      expect(usableCores(), wrong).toBe(availableParallelism());
    }
  });
});
