// The scenario library: the bundled incidents and the user's own scenarios, each startable,
// editable (a built-in one is duplicated first) and, for the user's own, deletable.
import type { ScenarioSummary } from '@finest/protocol';
import type { ReactElement } from 'react';
import { api } from '../api/rest.ts';
import { appStore, toast, useApp } from '../state/app-store.ts';
import { refreshScenarios, reportError, startScenario } from '../state/session.ts';
import { openEditor } from './Editor.tsx';
import { fmtDuration } from './format.ts';

async function remove(s: ScenarioSummary): Promise<void> {
  if (!window.confirm(`Delete the scenario “${s.title}”?`)) return;
  try {
    await api.deleteScenario(s.id);
    toast(`Deleted ${s.title}`);
    await refreshScenarios();
  } catch (e) {
    reportError('Delete failed', e);
  }
}

function Item({ s, current }: { s: ScenarioSummary; current: boolean }): ReactElement {
  return (
    <li className={current ? 'current' : undefined} data-scenario={s.id}>
      <div className="scenario-head">
        <strong>{s.title}</strong>
        <small>{`${fmtDuration(s.durationS)} · ${s.events} events${s.tags.length ? ` · ${s.tags.join(', ')}` : ''}`}</small>
      </div>
      <div className="scenario-actions">
        <button
          type="button"
          className="primary"
          data-testid={`start-${s.id}`}
          aria-label={`Start ${s.title}`}
          onClick={() => void startScenario(s.id)}
        >
          Start
        </button>
        <button
          type="button"
          aria-label={`${s.builtIn ? 'Duplicate and edit' : 'Edit'} ${s.title}`}
          onClick={() => void openEditor(s.id, s.builtIn)}
        >
          {s.builtIn ? 'Copy & edit' : 'Edit'}
        </button>
        {s.builtIn ? null : (
          <button type="button" aria-label={`Delete ${s.title}`} onClick={() => void remove(s)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

export function Library(): ReactElement {
  const scenarios = useApp((s) => s.scenarios);
  const run = useApp((s) => s.run);
  const builtIn = scenarios.filter((s) => s.builtIn);
  const own = scenarios.filter((s) => !s.builtIn);
  return (
    <section className="library panel" aria-label="Scenario library">
      <h2>Incident library</h2>
      <ul data-testid="library">
        {builtIn.map((s) => (
          <Item key={s.id} s={s} current={run?.scenarioId === s.id} />
        ))}
      </ul>
      <div className="library-own-head">
        <h2>My scenarios</h2>
        <button type="button" onClick={() => void openEditor(null, false)} title="New scenario (N)">
          New…
        </button>
      </div>
      {own.length === 0 ? (
        <p className="muted">None yet: copy one from the library or start a new one.</p>
      ) : null}
      <ul>
        {own.map((s) => (
          <Item key={s.id} s={s} current={run?.scenarioId === s.id} />
        ))}
      </ul>
      <p className="muted small">
        {scenarios.length === 0 && appStore.getState().phase === 'ready'
          ? 'The library is empty or the server is away.'
          : ''}
      </p>
    </section>
  );
}
