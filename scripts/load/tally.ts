// Counts by kind, with the first detail seen of each kind, so a report can say "3 × ws-close-1006
// (first: viewer 17 on run x)" without keeping every occurrence.

export interface TallyEntry {
  count: number;
  first: string;
}

export class Tally {
  private readonly kinds = new Map<string, TallyEntry>();

  add(kind: string, detail = ''): void {
    const e = this.kinds.get(kind);
    if (e) e.count++;
    else this.kinds.set(kind, { count: 1, first: detail.slice(0, 300) });
  }

  get total(): number {
    let n = 0;
    for (const e of this.kinds.values()) n += e.count;
    return n;
  }

  toJSON(): Record<string, TallyEntry> {
    return Object.fromEntries([...this.kinds].sort((a, b) => b[1].count - a[1].count));
  }
}
