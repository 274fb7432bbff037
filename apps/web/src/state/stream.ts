// The server's WebSocket stream: messages become store updates (the run, its log, KPIs,
// progress, playback state) and binary frames go to the scene store and the run's history.
import type { EncodedFrameHeader, ServerMessage } from '@finest/protocol';
import type { Frame } from '@finest/scenario/schema';
import { socketUrl, TwinSocket } from '../api/socket.ts';
import { appStore, logIndexAt, toast } from './app-store.ts';
import { afterComputed, playFrom, setLog, setRun } from './runs.ts';
import { showFrame } from './scene-store.ts';
import { sessionStore } from './session-store.ts';

export function connect(): void {
  const socket = new TwinSocket(socketUrl(), {
    status: (connection) => appStore.setState({ connection }),
    reopened: () => {
      const run = appStore.getState().run;
      if (run)
        socket.send({
          type: 'subscribe',
          runId: run.id,
          fromTick: Math.max(0, sessionStore.getState().lastTick),
        });
    },
    message: onMessage,
    frame: onFrame,
  });
  sessionStore.setState({ socket });
  socket.connect();
}

function onMessage(m: ServerMessage): void {
  const s = appStore.getState();
  switch (m.type) {
    case 'run':
      if (s.run?.id !== m.run.id) void setRun(m.run);
      return;
    case 'run-created':
      // a what-if branch we asked for: watch it from where it leaves its parent
      if (m.parentRunId && m.parentRunId === s.run?.id) void playFrom(m.runId, s.speed);
      return;
    case 'log':
      setLog(m.runId, m.entries, { streamed: true, replace: m.replace === true });
      return;
    case 'kpis':
      if (m.runId === s.run?.id) appStore.setState({ kpis: m.kpis });
      return;
    case 'progress':
      if (m.runId !== s.run?.id) return;
      appStore.setState({ progress: m.fraction });
      if (m.fraction >= 1) void afterComputed(m.runId);
      return;
    case 'state':
      if (m.runId !== s.run?.id) return;
      if (s.playing !== m.playing || s.speed !== m.speed)
        appStore.setState({ playing: m.playing, speed: m.speed });
      return;
    case 'end':
      if (m.runId !== s.run?.id) return;
      appStore.setState({ playing: false });
      void afterComputed(m.runId);
      return;
    case 'error':
      toast(`${m.message} (${m.code})`, 'error');
      return;
    case 'welcome':
    case 'pong':
      return;
  }
}

function onFrame(head: EncodedFrameHeader, frame: Frame): void {
  const s = appStore.getState();
  if (head.runId !== s.run?.id) return;
  const ss = sessionStore.getState();
  ss.lastTick = Math.max(ss.lastTick, head.tick);
  ss.history?.add(frame);
  showFrame(frame);
  const k = logIndexAt(s.log, frame.t);
  if (k !== s.logIndex) appStore.setState({ logIndex: k });
}
