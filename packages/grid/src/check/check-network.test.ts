// The consistency checker: a clean case has no findings; each kind of defect is named by path.
import { expect, it } from 'vitest';
import { NetworkValidationError } from '../errors.ts';
import { matpowerToNetwork } from '../matpower/to-network.ts';
import { parseMatpower } from '../matpower/parse.ts';
import { checkNetwork } from './check-network.ts';
import {
  describeOnCases,
  readSharedCase,
  sharedCaseFiles,
} from '../test-support/shared-matpower.ts';

const text = sharedCaseFiles.includes('case9.m') ? readSharedCase('case9.m') : '';

describeOnCases('checkNetwork', () => {
  const clean = () => matpowerToNetwork(parseMatpower(text, 'case9.m'));

  it('finds nothing in case9', () => {
    expect(checkNetwork(clean())).toEqual([]);
  });

  it('names each defect by path', () => {
    const net = clean();
    net.branches[0] = { ...net.branches[0]!, r: 0, x: 0 };
    net.branches[1] = { ...net.branches[1]!, to: '99' };
    net.generators[1] = { ...net.generators[1]!, Pmin: 400 };
    net.generators.push({ ...net.generators[0]!, bus: '5' });
    const found = checkNetwork(net).map((i) => `${i.path}: ${i.message}`);
    expect(found).toEqual([
      'generators[3].id: duplicate id "1"',
      'branches[0]: zero impedance (r = x = 0): no power-flow model',
      'branches[1].to: unknown bus "99"',
      'generators[1]: Pmin 400 > Pmax 300',
    ]);
  });

  it('reports an island with load but no source, and one with generation but no reference', () => {
    const net = clean();
    // cut both ties of bus 9 (125 MW load) and the only tie of bus 2 (a PV generator)
    net.branches[7] = { ...net.branches[7]!, inService: false }; // 8–9
    net.branches[8] = { ...net.branches[8]!, inService: false }; // 9–4
    net.branches[6] = { ...net.branches[6]!, inService: false }; // 8–2: bus 2 (a generator) alone
    const messages = checkNetwork(net).map((i) => i.message);
    expect(messages).toContain('island of 1 buses (first 2) has generation but no REF bus');
    expect(messages).toContain(
      'island of 1 buses (first 9) has 125 MW of demand and no generation',
    );
  });

  it('throws in strict mode', () => {
    const net = clean();
    net.buses[0] = { ...net.buses[0]!, Vmin: 1.2 };
    expect(() => checkNetwork(net, { strict: true })).toThrow(NetworkValidationError);
    expect(() => checkNetwork(net, { strict: true })).toThrow(/buses\[0\]: Vmin 1\.2 > Vmax 1\.1/);
  });
});
