// The engine's model version. A run's result is a pure function of (network, profiles,
// scenario, seed, engine version): caches and sweep job keys include it, so raise it whenever a
// change to the engine can move any number a run reports.
export const ENGINE_VERSION = 4;
