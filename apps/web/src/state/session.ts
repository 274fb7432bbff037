// The session's entry points, in one place for the panels: boot (boot.ts), the lists
// (lists.ts), the run on screen (runs.ts), playback (playback.ts), errors (errors.ts) and the
// run maps (run-maps.ts). Each part has its own file; this one only re-exports them.
export { boot } from './boot.ts';
export { reportError, describeError } from './errors.ts';
export { refreshRuns, refreshScenarios } from './lists.ts';
export { DEFAULT_NETWORK } from './networks.ts';
export { branchWhatIf, pause, play, playhead, seek, setSpeed, togglePlay } from './playback.ts';
export { playFrom, startInline, startScenario, watchRun } from './runs.ts';
export { invert, runMaps, speedFor } from './run-maps.ts';
