// Small statistics for the load report: a growable sample of numbers (a typed array, so a few
// hundred thousand frame lags cost a few MB and no garbage), its percentiles, and the
// least-squares slope of a time series.

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Samples {
  private data = new Float64Array(4096);
  private n = 0;

  get count(): number {
    return this.n;
  }

  push(x: number): void {
    if (this.n === this.data.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.n++] = x;
  }

  /** Nearest-rank percentiles, as scripts/bench/server-viewers.ts takes them. */
  percentiles(): Percentiles {
    const s = this.data.slice(0, this.n).sort();
    const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
    return {
      count: this.n,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: s[s.length - 1] ?? NaN,
    };
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Least-squares slope of y over x:
 *
 *        Σ (x − x̄)(y − ȳ)
 *   b = ─────────────────
 *          Σ (x − x̄)²
 *
 * NaN with fewer than two distinct x.
 */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += xs[k]!;
    my += ys[k]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (xs[k]! - mx) * (ys[k]! - my);
    sxx += (xs[k]! - mx) ** 2;
  }
  return sxx === 0 ? NaN : sxy / sxx;
}
