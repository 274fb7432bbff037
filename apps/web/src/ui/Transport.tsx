// Playback: play/pause, step, speed, and the timeline — a range input (keyboard and screen
// readers get it for free) with the run's events as markers above it and the computed part
// shaded. The playhead follows the frame on screen by direct DOM updates.
import { useEffect, useRef, type ReactElement } from 'react';
import { api } from '../api/rest.ts';
import { snapshotPng } from '../scene/canvas-root.tsx';
import { appStore, useApp } from '../state/app-store.ts';
import { logMarkers } from '../state/run-log.ts';
import { sceneStore } from '../state/scene-store.ts';
import { stepTarget } from '../state/frame-step.ts';
import { pause, play, seek, setSpeed } from '../state/session.ts';
import { sessionStore } from '../state/session-store.ts';
import { fmtClock, fmtDuration } from './format.ts';
import { Icon } from './icons.tsx';
import { subscribeLive, useLive } from './live.ts';

export const SPEEDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 3600];

/** ←/→: the previous or next frame; with `jump` (Shift) a 60th of the run (state/frame-step.ts). */
export function stepSeek(direction: 1 | -1, jump = false): void {
  const run = appStore.getState().run;
  if (!run) return;
  const h = sessionStore.getState().history;
  const frame = sceneStore.getState().frame;
  seek(stepTarget(h?.runId === run.id ? h : null, frame, direction, jump, run.durationS));
}

export function savePng(): void {
  const url = snapshotPng();
  if (!url) return;
  const a = document.createElement('a');
  a.href = url;
  a.download = `finest-twin-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
  a.click();
}

function Timeline(): ReactElement {
  const run = useApp((s) => s.run);
  const log = useApp((s) => s.log);
  const progress = useApp((s) => s.progress);
  const input = useRef<HTMLInputElement | null>(null);
  const dragging = useRef(false);
  const duration = run?.durationS ?? 1;

  useEffect(() => {
    const write = (): void => {
      const el = input.current;
      const s = sceneStore.getState();
      if (!el || dragging.current || !s.frame) return;
      el.value = String(s.frame.t);
      // the range snaps its value to whole seconds; the frame's own time, for tests and tools
      el.dataset['frameT'] = String(s.frame.t);
      el.setAttribute('aria-valuetext', fmtClock(appStore.getState().run?.startTime, s.frame.t));
    };
    write();
    return subscribeLive(write);
  }, []);

  const marks = logMarkers(log, duration / 400);

  return (
    <div className="timeline">
      <div className="timeline-markers">
        {marks.map((m, k) => (
          <button
            key={k}
            type="button"
            className={`marker marker-${m.kind}`}
            style={{ left: `${(100 * m.t) / duration}%` }}
            title={m.label}
            aria-label={`Jump to ${m.label}`}
            onClick={() => seek(m.t)}
          />
        ))}
      </div>
      <div className="timeline-progress" style={{ width: `${100 * progress}%` }} />
      <input
        ref={input}
        type="range"
        className="timeline-range"
        data-testid="timeline"
        aria-label="Playhead"
        min={0}
        max={duration}
        step={1}
        defaultValue={0}
        disabled={!run}
        onPointerDown={() => {
          dragging.current = true;
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onChange={(e) => seek(Number(e.currentTarget.value))}
      />
    </div>
  );
}

export function Transport(): ReactElement {
  const run = useApp((s) => s.run);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const clock = useLive<HTMLSpanElement>((s) =>
    s.frame ? fmtClock(run?.startTime, s.frame.t) : run ? fmtClock(run.startTime, 0) : '--:--:--',
  );
  const elapsed = useLive<HTMLSpanElement>((s) =>
    run ? `+${fmtDuration(s.frame?.t ?? 0)} / ${fmtDuration(run.durationS)}` : 'no run',
  );
  const speeds = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  const none = !run;
  return (
    <section className="transport" aria-label="Playback">
      <div className="transport-buttons">
        <button
          type="button"
          onClick={(e) => stepSeek(-1, e.shiftKey)}
          disabled={none}
          aria-label="Step back"
          title="Previous frame (←; Shift: a 60th of the run back)"
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className="play"
          data-testid="play"
          onClick={() => (playing ? pause() : play())}
          disabled={none}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause (space)' : 'Play (space)'}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={(e) => stepSeek(1, e.shiftKey)}
          disabled={none}
          aria-label="Step forward"
          title="Next frame (→; Shift: a 60th of the run on)"
        >
          <Icon name="forward" />
        </button>
        <label className="speed">
          <span className="sr-only">Speed</span>
          <select
            value={speed}
            disabled={none}
            aria-label="Playback speed (simulated seconds per second)"
            onChange={(e) => setSpeed(Number(e.currentTarget.value))}
          >
            {speeds.map((v) => (
              <option key={v} value={v}>{`${v}×`}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="transport-time">
        <span ref={clock} className="clock" data-testid="clock" />
        <span ref={elapsed} className="elapsed" />
      </div>
      <Timeline />
      <div className="transport-actions">
        <button
          type="button"
          disabled={none}
          onClick={() => appStore.setState({ dialog: 'whatif' })}
          title="Branch a what-if from the current time (B)"
        >
          What-if…
        </button>
        <button
          type="button"
          onClick={() => appStore.setState({ dialog: 'compare' })}
          title="Compare two runs (C)"
        >
          Compare…
        </button>
        {run ? (
          <a className="button" href={api.exportUrl(run.id, 'csv')} download={`${run.id}.csv`}>
            CSV
          </a>
        ) : null}
        {run ? (
          <a className="button" href={api.exportUrl(run.id, 'json')} download={`${run.id}.json`}>
            JSON
          </a>
        ) : null}
        <button type="button" onClick={savePng} title="Save a PNG snapshot of the scene (P)">
          PNG
        </button>
      </div>
    </section>
  );
}
