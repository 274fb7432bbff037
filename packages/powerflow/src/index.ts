export type { CscMatrix } from './sparse/csc.ts';
export {
  cscAssemble,
  cscFromTriplets,
  cscValuesFromSlots,
  cscMultiply,
  cscNnz,
  cscPatternWithSlots,
  cscToDense,
  cscTranspose,
} from './sparse/csc.ts';
export type { SparseLuSolver } from './sparse/linear-solver.ts';
export { createSparseLuSolver } from './sparse/linear-solver.ts';
export { PowerflowError, PowerflowInputError, PowerflowUnsolvableError } from './errors.ts';
export type { PfCase } from './model/pf-case.ts';
export { buildPfCase, NONE, PQ, PV, REF } from './model/pf-case.ts';
export { refreshInjections } from './model/refresh-injections.ts';
export type { BusTypes } from './model/bus-types.ts';
export { classifyBuses, unreferencedReason } from './model/bus-types.ts';
export type { PfIslands } from './model/pf-islands.ts';
export { findPfIslands } from './model/pf-islands.ts';
export type { BranchAdmittances, Ybus } from './ybus/make-ybus.ts';
export { makeBranchAdmittances, makeYbus } from './ybus/make-ybus.ts';
export type { ComplexVector } from './ac/make-sbus.ts';
export { makeSbus } from './ac/make-sbus.ts';
export type { JacobianPattern } from './ac/jacobian.ts';
export { buildJacobianPattern, fillJacobian } from './ac/jacobian.ts';
export type { NewtonOptions, NewtonResult } from './ac/newton.ts';
export { busPowers, NEWTON_DEFAULTS, newtonPowerFlow } from './ac/newton.ts';
export type { BranchFlows, GeneratorState } from './ac/pf-solution.ts';
export { branchFlows, generatorDispatch } from './ac/pf-solution.ts';
export type { AcPowerFlowOptions, AcPowerFlowResult } from './ac/run-ac.ts';
export { runAcPowerFlow } from './ac/run-ac.ts';
export type { Bdc } from './dc/make-bdc.ts';
export { makeBdc, principalSubmatrix } from './dc/make-bdc.ts';
export type { DcPowerFlowResult, DcSystem } from './dc/run-dc.ts';
export { prepareDcSystem, runDcPowerFlow, solveDcFlows } from './dc/run-dc.ts';
export type { BranchPair, DcN1Options, DcN1Result } from './contingency/dc-n1.ts';
export { DC_N1_DEFAULTS, runDcN1 } from './contingency/dc-n1.ts';
export type { AcContingencyOutcome, AcN1Context } from './contingency/ac-n1.ts';
export {
  assessAc,
  inServiceBranches,
  prepareAcN1,
  runAcN1Sequential,
  solveAcContingency,
} from './contingency/ac-n1.ts';
export type { AcN1Options } from './contingency/ac-n1-parallel.ts';
export { runAcN1 } from './contingency/ac-n1-parallel.ts';
export type { EnergisedNetwork } from './contingency/energise-islands.ts';
export { energiseIslands } from './contingency/energise-islands.ts';
export type { SetOutcome } from './contingency/outage-sets.ts';
export { solveOutageSet } from './contingency/outage-sets.ts';
export type { GenCost, PiecewiseLinearCost, PolynomialCost } from './opf/gen-costs.ts';
export { costAt, readGenCosts } from './opf/gen-costs.ts';
export type { OpfCase } from './opf/opf-case.ts';
export { buildOpfCase } from './opf/opf-case.ts';
export type { LpSolveOptions, LpStatus } from './opf/highs-solver.ts';
export type { Highs } from './opf/highs-solver.ts';
export { HIGHS_DEFAULTS, loadHighs, loadedHighs } from './opf/highs-solver.ts';
export type { DcOpfOptions, DcOpfResult, DcOpfStatus } from './opf/run-dc-opf.ts';
export { runDcOpf, runDcOpfWith } from './opf/run-dc-opf.ts';
