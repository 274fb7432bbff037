// The scenario editor: metadata, start, duration and a timeline of events, elements picked on
// the map or from lists, validated with the very schema the server uses (ScenarioSchema) and
// saved as a user scenario. A JSON view edits everything else (options, sources).
import { ScenarioSchema, type ScenarioInput } from '@finest/scenario/schema';
import { useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { api } from '../api/rest.ts';
import { appStore, toast } from '../state/app-store.ts';
import { sceneStore } from '../state/scene-store.ts';
import { refreshScenarios, reportError, startInline, startScenario } from '../state/session.ts';
import {
  applyPick,
  awaitPick,
  blankEvent,
  ElementLists,
  EventRows,
  type DraftEvent,
} from './EventRows.tsx';

type Draft = Record<string, unknown> & { events: DraftEvent[] };

interface EditorState {
  draft: Draft;
  /** id of the stored user scenario being edited, or null for a new one */
  storedId: string | null;
  pickRow: number;
  issues: { path: string; message: string }[];
  json: string | null;
}

const BLANK: Draft = {
  schemaVersion: 1,
  id: 'my-scenario',
  title: 'My scenario',
  description: '',
  tags: [],
  network: 'fi-ee',
  topology: 'current',
  start: { hour: 400 },
  durationS: 3600,
  stepS: 60,
  events: [],
};

const editorStore = createStore<EditorState>()(() => ({
  draft: BLANK,
  storedId: null,
  pickRow: -1,
  issues: [],
  json: null,
}));

/** Opens the editor on a stored scenario (a built-in one as a new copy) or a blank one. */
export async function openEditor(id: string | null, builtIn: boolean): Promise<void> {
  try {
    if (id === null) {
      editorStore.setState({
        draft: { ...BLANK, events: [] },
        storedId: null,
        issues: [],
        json: null,
        pickRow: -1,
      });
    } else {
      const env = await api.scenario(id);
      const s = env.scenario as unknown as Draft;
      editorStore.setState({
        draft: builtIn
          ? { ...s, id: `${s['id'] as string}-copy`, title: `${s['title'] as string} (copy)` }
          : s,
        storedId: builtIn ? null : id,
        issues: [],
        json: null,
        pickRow: -1,
      });
    }
    appStore.setState({ dialog: 'editor' });
  } catch (e) {
    reportError('Could not open the scenario', e);
  }
}

/** Validates a draft with the scenario schema; issues with dotted paths. */
export function validateDraft(
  draft: unknown,
):
  | { ok: true; scenario: ScenarioInput }
  | { ok: false; issues: { path: string; message: string }[] } {
  const r = ScenarioSchema.safeParse(draft);
  if (r.success) return { ok: true, scenario: draft as ScenarioInput };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

function check(): ScenarioInput | null {
  const s = editorStore.getState();
  let draft: unknown = s.draft;
  if (s.json !== null) {
    try {
      draft = JSON.parse(s.json);
    } catch (e) {
      editorStore.setState({ issues: [{ path: '(json)', message: String(e) }] });
      return null;
    }
  }
  const v = validateDraft(draft);
  if (!v.ok) {
    editorStore.setState({ issues: v.issues });
    return null;
  }
  editorStore.setState({ issues: [], draft: draft as Draft });
  return v.scenario;
}

async function save(andRun: boolean): Promise<void> {
  const scenario = check();
  if (!scenario) return;
  const { storedId } = editorStore.getState();
  try {
    const env =
      storedId && storedId === scenario.id
        ? await api.updateScenario(storedId, scenario)
        : await api.createScenario(scenario);
    editorStore.setState({ storedId: env.scenario.id });
    toast(`Saved “${env.scenario.title}”`);
    await refreshScenarios();
    if (andRun) {
      appStore.setState({ dialog: null });
      await startScenario(env.scenario.id);
    }
  } catch (e) {
    const issues = (e as { issues?: { path: string; message: string }[] }).issues;
    if (issues?.length) editorStore.setState({ issues });
    reportError('Save failed', e);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
const num = (v: string): number => (v.trim() === '' ? NaN : Number(v));

export function Editor(): ReactElement {
  const { draft, issues, pickRow, json, storedId } = useStore(editorStore);
  const model = sceneStore.getState().model;
  const [tab, setTab] = useState<'form' | 'json'>(json === null ? 'form' : 'json');
  const invalid = new Set(issues.map((i) => i.path));
  const bad = (p: string): true | undefined =>
    [...invalid].some((x) => x === p || x.startsWith(`${p}.`)) ? true : undefined;
  const set = (patch: Record<string, unknown>): void =>
    editorStore.setState((s) => ({ draft: { ...s.draft, ...patch } }));
  const start = (draft['start'] ?? { hour: 0 }) as { hour?: number; time?: string };
  const input = (
    key: string,
    label: string,
    type = 'text',
    onValue: (v: string) => unknown = (v) => v,
  ): ReactElement => (
    <label>
      <span>{label}</span>
      <input
        type={type}
        value={str(draft[key]) === 'NaN' ? '' : str(draft[key])}
        aria-invalid={bad(key)}
        onChange={(e) => set({ [key]: onValue(e.currentTarget.value) })}
      />
    </label>
  );

  return (
    <div className="editor">
      <ElementLists model={model} />
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'form'}
          onClick={() => {
            const s = editorStore.getState();
            if (s.json !== null) {
              try {
                editorStore.setState({ draft: JSON.parse(s.json) as Draft, json: null });
              } catch (e) {
                editorStore.setState({ issues: [{ path: '(json)', message: String(e) }] });
                return;
              }
            }
            setTab('form');
          }}
        >
          Form
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'json'}
          onClick={() => {
            editorStore.setState({ json: JSON.stringify(editorStore.getState().draft, null, 2) });
            setTab('json');
          }}
        >
          JSON
        </button>
      </div>
      {tab === 'json' ? (
        <textarea
          className="json"
          aria-label="Scenario JSON"
          spellCheck={false}
          value={json ?? ''}
          onChange={(e) => editorStore.setState({ json: e.currentTarget.value })}
        />
      ) : (
        <div className="form">
          <div className="grid2">
            {input('id', 'Id (kebab-case)')}
            {input('title', 'Title')}
            <label>
              <span>Topology</span>
              <select
                value={str(draft['topology'] ?? 'current')}
                onChange={(e) => set({ topology: e.currentTarget.value })}
              >
                <option value="current">current (since 2025-02-09)</option>
                <option value="pre-2025">pre-2025 (Baltics with IPS/UPS)</option>
              </select>
            </label>
            {input('network', 'Network')}
            <label>
              <span>
                {start.time !== undefined ? 'Start (ISO time with offset)' : 'Start hour of year'}
              </span>
              <input
                value={start.time ?? str(start.hour)}
                aria-invalid={bad('start')}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  set({ start: /^\d+$/.test(v) ? { hour: Number(v) } : { time: v } });
                }}
              />
            </label>
            {input('durationS', 'Duration s', 'number', num)}
            {input('stepS', 'Step s', 'number', num)}
          </div>
          <label className="wide">
            <span>Description</span>
            <textarea
              value={str(draft['description'])}
              rows={2}
              onChange={(e) => set({ description: e.currentTarget.value })}
            />
          </label>
          <h3>Events</h3>
          <EventRows
            events={draft.events}
            invalid={invalid}
            pickRow={pickRow}
            onChange={(events) => set({ events })}
            onPick={(row) => {
              editorStore.setState({ pickRow: row });
              awaitPick(
                row < 0
                  ? null
                  : (ref) =>
                      editorStore.setState((s) => ({
                        draft: { ...s.draft, events: applyPick(s.draft.events, row, ref) },
                        pickRow: -1,
                      })),
              );
            }}
          />
          <button
            type="button"
            onClick={() => {
              const last = draft.events[draft.events.length - 1];
              set({ events: [...draft.events, blankEvent('trip', last ? last.at + 60 : 60)] });
            }}
          >
            + Add event
          </button>
        </div>
      )}
      <div className="issues" role="status" data-testid="editor-issues">
        {issues.length === 0 ? null : (
          <ul>
            {issues.map((i, k) => (
              <li key={k}>
                <code>{i.path || '(scenario)'}</code> {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          onClick={() => {
            if (check()) toast('The scenario is valid');
          }}
        >
          Validate
        </button>
        <button
          type="button"
          onClick={() => {
            const s = check();
            if (s) {
              appStore.setState({ dialog: null });
              void startInline(s);
            }
          }}
        >
          Run without saving
        </button>
        <button type="button" onClick={() => void save(false)}>
          {storedId ? 'Save' : 'Save as new'}
        </button>
        <button type="button" className="primary" onClick={() => void save(true)}>
          Save & run
        </button>
      </div>
    </div>
  );
}
