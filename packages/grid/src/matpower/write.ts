// Writes a MATPOWER case as MATPOWER v2 `.m` text (CASEFORMAT field order, column names in
// comments, names as cell arrays, other raw numeric fields last). Numbers use JavaScript's
// shortest round-trip form, so reading the file back gives the same doubles.
import { matrixRows, type MatpowerCase, type MatrixField } from './case.ts';

const HEADERS: Record<string, string> = {
  bus: 'bus_i\ttype\tPd\tQd\tGs\tBs\tarea\tVm\tVa\tbaseKV\tzone\tVmax\tVmin',
  gen: 'bus\tPg\tQg\tQmax\tQmin\tVg\tmBase\tstatus\tPmax\tPmin\tPc1\tPc2\tQc1min\tQc1max\tQc2min\tQc2max\tramp_agc\tramp_10\tramp_30\tramp_q\tapf',
  branch: 'fbus\ttbus\tr\tx\tb\trateA\trateB\trateC\tratio\tangle\tstatus\tangmin\tangmax',
  gencost: '2\tstartup\tshutdown\tn\tc(n-1)\t...\tc0',
  areas: 'area\tprice_ref_bus',
  dcline:
    'fbus\ttbus\tstatus\tPf\tPt\tQf\tQt\tVf\tVt\tPmin\tPmax\tQminF\tQmaxF\tQminT\tQmaxT\tloss0\tloss1',
};

/** Shortest round-trip text (ECMAScript Number::toString); keeps -0, writes ±Inf as MATLAB does. */
const num = (x: number): string =>
  x === Infinity ? 'Inf' : x === -Infinity ? '-Inf' : Object.is(x, -0) ? '-0' : String(x);
/** A MATLAB char literal; line breaks cannot appear in one and become blanks. */
const quote = (s: string): string => `'${s.replace(/'/g, "''").replace(/[\r\n]/g, ' ')}'`;

function matrix(name: string, m: MatrixField): string {
  const rows = matrixRows(m)
    .map((r) => `\t${r.map(num).join('\t')};`)
    .join('\n');
  const width = m.width;
  // column names as far as the rows go (gencost's header describes a variable-length row)
  const header = HEADERS[name];
  const names =
    header === undefined
      ? ''
      : name === 'gencost'
        ? header
        : header.split('\t').slice(0, width).join('\t');
  const comment = names === '' ? '' : `%\t${names}\n`;
  return `%% ${name} data\n${comment}mpc.${name} = [\n${rows}\n];\n`;
}

function cell(name: string, values: string[]): string {
  return `mpc.${name} = {\n${values.map((v) => `\t${quote(v)};`).join('\n')}\n};\n`;
}

export function writeMatpower(mpc: MatpowerCase): string {
  const parts = [
    `function mpc = ${mpc.name}\n`,
    `%${mpc.name.toUpperCase()}  written by FinEst Twin (MATPOWER case format version 2)\n\n`,
    `mpc.version = '2';\n\n`,
    `%% system MVA base\nmpc.baseMVA = ${num(mpc.baseMVA)};\n\n`,
    matrix('bus', mpc.bus),
    '\n',
    matrix('gen', mpc.gen),
    '\n',
    matrix('branch', mpc.branch),
  ];
  if (mpc.gencost) parts.push('\n', matrix('gencost', mpc.gencost));
  if (mpc.dcline) parts.push('\n', matrix('dcline', mpc.dcline));
  if (mpc.areas) parts.push('\n', matrix('areas', mpc.areas));
  if (mpc.busName) parts.push('\n%% bus names\n', cell('bus_name', mpc.busName));
  if (mpc.genFuel) parts.push('\n%% generator fuel type\n', cell('genfuel', mpc.genFuel));
  if (mpc.genType) parts.push('\n%% generator unit type\n', cell('gentype', mpc.genType));
  for (const [name, m] of Object.entries(mpc.other ?? {})) parts.push('\n', matrix(name, m));
  return parts.join('');
}
