// The sequence-of-events log, synchronised with the playhead: entries up to now are bright,
// the latest one is marked and kept in view, later ones are dimmed. Clicking an entry jumps
// there and points the camera at its element.
import { useEffect, useRef, type ReactElement } from 'react';
import type { LogEntry } from '@finest/scenario/schema';
import { elementGoal } from '../scene/camera-presets.ts';
import { elementPosition } from '../scene/network-model.ts';
import { useApp } from '../state/app-store.ts';
import { logFigures } from '../state/run-log.ts';
import { flyTo, sceneStore } from '../state/scene-store.ts';
import { seek } from '../state/session.ts';

export function focusEntry(e: LogEntry): void {
  const m = sceneStore.getState().model;
  if (!m || !e.element) return;
  const xz = elementPosition(m, e.element.kind, e.element.id);
  if (xz) flyTo(elementGoal(xz, e.element.kind));
}

/** the entry's MW, Hz, % from its fields, beside the engine's words (which are not re-worded) */
function figures(e: LogEntry): ReactElement | null {
  const text = logFigures(e);
  return text ? <span className="log-figures">{text}</span> : null;
}

export function EventLog({ compact = false }: { compact?: boolean }): ReactElement {
  const log = useApp((s) => s.log);
  const index = useApp((s) => s.logIndex);
  const list = useRef<HTMLOListElement | null>(null);

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-current="true"]');
    el?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  // compact (wall): the last three events up to now, or the first ones to come
  const offset = compact ? Math.max(0, index - 2) : 0;
  const entries = compact ? log.slice(offset, Math.max(index + 1, 2)) : log;
  return (
    <section className="event-log panel" aria-label="Sequence of events">
      {compact ? null : <h2>Sequence of events</h2>}
      {log.length === 0 ? <p className="muted">Start a scenario to see its events.</p> : null}
      {compact ? null : (
        <p className="sr-only" aria-live="polite">
          {log[index] ? `${log[index].clock} ${log[index].text}` : ''}
        </p>
      )}
      <ol ref={list} data-testid="event-log">
        {entries.map((e, k) => {
          const i = k + offset;
          const state = i === index ? 'current' : i < index ? 'past' : 'future';
          return (
            <li
              key={`${e.t}-${i}`}
              className={`log-${state} kind-${e.kind}`}
              aria-current={i === index ? true : undefined}
              data-t={e.t}
            >
              <button
                type="button"
                onClick={() => {
                  seek(e.t);
                  focusEntry(e);
                }}
                aria-label={`${e.clock} ${e.text}. Jump here.`}
              >
                <time>{e.clock}</time>
                <span className="log-kind">{e.kind.replace('-', ' ')}</span>
                <span className="log-text">{e.text}</span>
                {figures(e)}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
