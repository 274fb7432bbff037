export type { CscMatrix } from './sparse/csc.ts';
export { cscFromTriplets, cscMultiply, cscNnz, cscToDense, cscTranspose } from './sparse/csc.ts';
