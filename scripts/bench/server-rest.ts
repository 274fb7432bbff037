// Benchmark: REST throughput for the KPIs of a stored run (GET /api/runs/:id), with a fixed
// number of requests in flight for a fixed time, over loopback keep-alive connections.
export interface RestBenchResult {
  url: string;
  concurrency: number;
  seconds: number;
  requests: number;
  errors: number;
  perSecond: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
}

export async function benchRest(
  url: string,
  concurrency: number,
  seconds: number,
): Promise<RestBenchResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await fetch(url);
        const body = (await res.json()) as { kpis?: unknown };
        if (res.status !== 200 || body.kpis === undefined) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    url: new URL(url).pathname,
    concurrency,
    seconds: elapsed,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    latencyMedianMs: latencies[latencies.length >> 1]!,
    latencyP99Ms: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}
