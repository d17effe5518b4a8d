// Probability helpers for significance tests.

/**
 * Complementary error function, erfc(x) = 1 − erf(x), by the Chebyshev fit of Numerical Recipes
 * (Press et al. 2007, §6.2.2, "erfcc"): fractional error below 1.2e-7 everywhere.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const result =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? result : 2 - result;
}

/** Upper tail of the χ² distribution with one degree of freedom: P(X ≥ x) = erfc(√(x/2)). */
export function chiSquarePValue(statistic: number): number {
  if (!(statistic > 0)) return 1;
  return erfc(Math.sqrt(statistic / 2));
}
