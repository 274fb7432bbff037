// The scenario library: the bundled incidents and the user's own scenarios, each startable,
// editable (a built-in one is duplicated first) and, for the user's own, deletable.
import type { ScenarioSummary } from '@finest/protocol';
import type { ReactElement } from 'react';
import { api } from '../api/rest.ts';
import { h } from '../h.ts';
import { appStore, toast, useApp } from '../state/app-store.ts';
import { refreshScenarios, reportError, startScenario } from '../state/session.ts';
import { openEditor } from './Editor.ts';
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
  return h(
    'li',
    { className: current ? 'current' : undefined, 'data-scenario': s.id },
    h(
      'div',
      { className: 'scenario-head' },
      h('strong', null, s.title),
      h(
        'small',
        null,
        `${fmtDuration(s.durationS)} · ${s.events} events${s.tags.length ? ` · ${s.tags.join(', ')}` : ''}`,
      ),
    ),
    h(
      'div',
      { className: 'scenario-actions' },
      h(
        'button',
        {
          type: 'button',
          className: 'primary',
          'data-testid': `start-${s.id}`,
          'aria-label': `Start ${s.title}`,
          onClick: () => void startScenario(s.id),
        },
        'Start',
      ),
      h(
        'button',
        {
          type: 'button',
          'aria-label': `${s.builtIn ? 'Duplicate and edit' : 'Edit'} ${s.title}`,
          onClick: () => void openEditor(s.id, s.builtIn),
        },
        s.builtIn ? 'Copy & edit' : 'Edit',
      ),
      s.builtIn
        ? null
        : h(
            'button',
            { type: 'button', 'aria-label': `Delete ${s.title}`, onClick: () => void remove(s) },
            'Delete',
          ),
    ),
  );
}

export function Library(): ReactElement {
  const scenarios = useApp((s) => s.scenarios);
  const run = useApp((s) => s.run);
  const builtIn = scenarios.filter((s) => s.builtIn);
  const own = scenarios.filter((s) => !s.builtIn);
  return h(
    'section',
    { className: 'library panel', 'aria-label': 'Scenario library' },
    h('h2', null, 'Incident library'),
    h(
      'ul',
      { 'data-testid': 'library' },
      builtIn.map((s) => h(Item, { key: s.id, s, current: run?.scenarioId === s.id })),
    ),
    h(
      'div',
      { className: 'library-own-head' },
      h('h2', null, 'My scenarios'),
      h(
        'button',
        { type: 'button', onClick: () => void openEditor(null, false), title: 'New scenario (N)' },
        'New…',
      ),
    ),
    own.length === 0
      ? h('p', { className: 'muted' }, 'None yet: copy one from the library or start a new one.')
      : null,
    h(
      'ul',
      null,
      own.map((s) => h(Item, { key: s.id, s, current: run?.scenarioId === s.id })),
    ),
    h(
      'p',
      { className: 'muted small' },
      scenarios.length === 0 && appStore.getState().phase === 'ready'
        ? 'The library is empty or the server is away.'
        : '',
    ),
  );
}
