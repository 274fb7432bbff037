// Branch ratings from the operational limits on a branch's terminals: the permanent current
// limit (PATL) gives rateA, the temporary ones (TATL) rateB (the lowest) and rateC (the
// highest), as MVA = √3 · kV · A / 1000 at the terminal's nominal voltage; an
// ApparentPowerLimit is taken in MVA as is. CGMES 2.4.15 types a limit by
// entsoe:OperationalLimitType.limitType (patl/tatl), CGMES 3 by OperationalLimitType.kind or
// isInfiniteDuration; the value is CurrentLimit.value (2.4.15, CGMES 3 SSH) or .normalValue.
import type { CimObject, CimStore } from './store.ts';

export interface Ratings {
  rateA: number;
  rateB: number;
  rateC: number;
}

interface Limit {
  permanent: boolean;
  /** A, or MVA when apparent */
  value: number;
  apparent: boolean;
}

export class Limits {
  /** terminal key → its limits; equipment key → limits of sets attached to the equipment */
  private readonly byTerminal = new Map<string, Limit[]>();
  private readonly byEquipment = new Map<string, Limit[]>();

  constructor(store: CimStore) {
    const sets = new Map<string, CimObject>();
    for (const s of store.all('OperationalLimitSet')) sets.set(s.key, s);
    for (const l of store.all('CurrentLimit', 'ApparentPowerLimit')) {
      const set = l.optRef('OperationalLimit.OperationalLimitSet');
      if (set === undefined) continue;
      const apparent = l.cls === 'ApparentPowerLimit';
      const prefix = apparent ? 'ApparentPowerLimit' : 'CurrentLimit';
      const value = l.optNum(`${prefix}.value`) ?? l.optNum(`${prefix}.normalValue`);
      if (value === undefined || !(value > 0)) continue;
      const type = l.optRef('OperationalLimit.OperationalLimitType');
      const permanent = isPermanent(type);
      if (permanent === undefined) continue;
      const limit: Limit = { permanent, value, apparent };
      const terminal = set.optRefKey('OperationalLimitSet.Terminal');
      const equipment = set.optRefKey('OperationalLimitSet.Equipment');
      if (terminal !== undefined) push(this.byTerminal, terminal, limit);
      else if (equipment !== undefined) push(this.byEquipment, equipment, limit);
    }
  }

  /** Ratings of a branch from its terminals (with their nominal kV) and the equipment's sets. */
  ratings(equipment: CimObject, terminals: { terminal: CimObject; kv: number }[]): Ratings {
    const permanent: number[] = [];
    const temporary: number[] = [];
    const take = (limits: Limit[] | undefined, kv: number): void => {
      for (const l of limits ?? []) {
        const mva = l.apparent ? l.value : (Math.sqrt(3) * kv * l.value) / 1000;
        (l.permanent ? permanent : temporary).push(mva);
      }
    };
    for (const { terminal, kv } of terminals) take(this.byTerminal.get(terminal.key), kv);
    const firstKv = terminals[0]?.kv ?? 0;
    take(this.byEquipment.get(equipment.key), firstKv);
    const rateA = permanent.length > 0 ? Math.min(...permanent) : 0;
    return {
      rateA,
      rateB: temporary.length > 0 ? Math.min(...temporary) : 0,
      rateC: temporary.length > 0 ? Math.max(...temporary) : 0,
    };
  }
}

/** true for a PATL, false for a TATL, undefined for other kinds (tripping current, thresholds). */
function isPermanent(type: CimObject | undefined): boolean | undefined {
  if (type === undefined) return true;
  const kind =
    type.optEnum('OperationalLimitType.limitType') ?? type.optEnum('OperationalLimitType.kind');
  if (kind !== undefined) {
    const k = kind.toLowerCase();
    return k === 'patl' ? true : k === 'tatl' ? false : undefined;
  }
  const infinite = type.optBool('OperationalLimitType.isInfiniteDuration');
  if (infinite !== undefined) return infinite;
  return type.optNum('OperationalLimitType.acceptableDuration') === undefined;
}

function push(map: Map<string, Limit[]>, key: string, l: Limit): void {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  list.push(l);
}
