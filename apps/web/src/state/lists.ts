// The scenario library and the list of runs, refreshed from the server.
import { api } from '../api/rest.ts';
import { appStore } from './app-store.ts';
import { reportError } from './errors.ts';

export async function refreshScenarios(): Promise<void> {
  try {
    appStore.setState({ scenarios: await api.scenarios() });
  } catch (e) {
    reportError('Scenario library', e);
  }
}

export async function refreshRuns(): Promise<void> {
  try {
    appStore.setState({ runs: await api.runs() });
  } catch {
    // the list is a convenience for comparison; runs of this session are still known
  }
}
