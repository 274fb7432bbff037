// Test support: a real `ws` client that records every message (JSON parsed, frames decoded)
// and lets a test wait for the one it expects.
import WebSocket from 'ws';
import {
  decodeFrame,
  type ClientMessage,
  type EncodedFrameHeader,
  type ServerMessage,
} from '@finest/protocol';

export type Received =
  | { kind: 'json'; msg: ServerMessage; at: number }
  | { kind: 'frame'; frame: EncodedFrameHeader; at: number };

export class TestClient {
  readonly received: Received[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      const at = performance.now();
      if (isBinary) {
        const { runId, tick, t, keyframe } = decodeFrame(new Uint8Array(data));
        this.received.push({ kind: 'frame', frame: { runId, tick, t, keyframe }, at });
      } else
        this.received.push({ kind: 'json', msg: JSON.parse(data.toString()) as ServerMessage, at });
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(msg: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(msg));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  json(): ServerMessage[] {
    return this.received.flatMap((r) => (r.kind === 'json' ? [r.msg] : []));
  }

  frames(runId?: string): EncodedFrameHeader[] {
    return this.received.flatMap((r) =>
      r.kind === 'frame' && (runId === undefined || r.frame.runId === runId) ? [r.frame] : [],
    );
  }

  /** Waits for a JSON message matching `match` (received at or after index `from`). */
  async waitFor<T extends ServerMessage['type']>(
    type: T,
    match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 20_000,
    from = 0,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received
        .slice(from)
        .find(
          (r) =>
            r.kind === 'json' &&
            r.msg.type === type &&
            match(r.msg as Extract<ServerMessage, { type: T }>),
        );
      if (found && found.kind === 'json') return found.msg as Extract<ServerMessage, { type: T }>;
      if (this.closed)
        throw new Error(`connection closed (${this.closed.code}) while waiting for ${type}`);
      if (Date.now() > end) throw new Error(`no ${type} message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, end - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
