// Compares a solved power flow with a model's SV state: per TopologicalNode with an SvVoltage,
// |V| relative error, and the angle error with both angle sets taken as differences from one
// common node (the first bus that has an SV voltage and is energised), as the criterion.
import type { Network } from '../schema/network.ts';

export interface SvComparison {
  /** bus id → relative |V| error and angle error (degrees) */
  perBus: { id: string; dv: number; dAngle: number }[];
  worstDv: number;
  worstAngle: number;
  /** the common angle reference */
  reference: string;
}

export function compareWithSv(
  net: Network,
  sv: ReadonlyMap<string, { v: number; angle: number }>,
  Vm: ArrayLike<number>,
  Va: ArrayLike<number>,
): SvComparison {
  const ref = net.buses.findIndex((b) => b.type !== 'NONE' && sv.has(b.id));
  if (ref < 0) throw new Error('no energised bus has an SV voltage');
  const refBus = net.buses[ref]!;
  const svRef = sv.get(refBus.id)!.angle;
  const perBus: SvComparison['perBus'] = [];
  let worstDv = 0;
  let worstAngle = 0;
  net.buses.forEach((b, i) => {
    const s = sv.get(b.id);
    if (s === undefined || b.type === 'NONE') return;
    const dv = (Vm[i]! * b.baseKV - s.v) / s.v;
    let dAngle = Va[i]! - Va[ref]! - (s.angle - svRef);
    dAngle = ((((dAngle + 180) % 360) + 360) % 360) - 180;
    perBus.push({ id: b.id, dv, dAngle });
    worstDv = Math.max(worstDv, Math.abs(dv));
    worstAngle = Math.max(worstAngle, Math.abs(dAngle));
  });
  return { perBus, worstDv, worstAngle, reference: refBus.id };
}
