// A stress variant of a network for tests: the 400 kV lines of the capital region's three
// 400/110 kV points (Tammisto, Länsisalmi, Espoo) at a third of their rating, so that the
// corridor double fault overloads them and protection (or the operator) has to act.
import type { Network } from '@finest/grid';

const CAPITAL_POINTS = new Set(['FI:6552', 'FI:6554', 'FI:6556']);

export const touchesCapital = (b: Network['branches'][number]): boolean =>
  CAPITAL_POINTS.has(b.from) || CAPITAL_POINTS.has(b.to);

export function weakCapital(net: Network): Network {
  const weak = structuredClone(net);
  for (const b of weak.branches) if (b.kind === 'line' && touchesCapital(b)) b.rateA *= 0.35;
  return weak;
}
