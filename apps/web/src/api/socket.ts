// The WebSocket to the server (/ws): JSON messages checked against the shared contract, binary
// frames decoded with the shared codec. Reconnects with backoff and says so; the session
// resubscribes from the last tick it saw. A heartbeat keeps idle proxies from closing it.
import {
  decodeFrame,
  isFrameMessage,
  ServerMessageSchema,
  type ClientMessage,
  type EncodedFrameHeader,
  type ServerMessage,
} from '@finest/protocol';
import type { Frame } from '@finest/scenario/schema';

export interface SocketHandlers {
  message(m: ServerMessage): void;
  frame(h: EncodedFrameHeader, f: Frame): void;
  status(s: 'connecting' | 'open' | 'closed'): void;
  /** after a reconnect: subscriptions must be renewed */
  reopened(): void;
}

const PING_MS = 20_000;

export class TwinSocket {
  private ws: WebSocket | null = null;
  private retry = 0;
  private opened = false;
  private closedByUs = false;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private queue: ClientMessage[] = [];

  constructor(
    private readonly url: string,
    private readonly on: SocketHandlers,
  ) {}

  connect(): void {
    this.closedByUs = false;
    this.on.status('connecting');
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.on.status('open');
      if (this.opened) this.on.reopened();
      this.opened = true;
      for (const m of this.queue.splice(0)) ws.send(JSON.stringify(m));
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
    };
    ws.onmessage = (ev: MessageEvent<ArrayBuffer | string>) => this.receive(ev.data);
    ws.onclose = () => {
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      this.on.status('closed');
      if (this.closedByUs) return;
      const wait = Math.min(8000, 500 * 2 ** this.retry++);
      setTimeout(() => this.connect(), wait);
    };
  }

  send(m: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
    else if (m.type !== 'ping') this.queue.push(m);
  }

  close(): void {
    this.closedByUs = true;
    this.ws?.close();
  }

  private receive(data: ArrayBuffer | string): void {
    if (typeof data !== 'string') {
      const bytes = new Uint8Array(data);
      if (!isFrameMessage(bytes)) return;
      try {
        const { frame, ...head } = decodeFrame(bytes);
        this.on.frame(head, frame);
      } catch (e) {
        console.warn('web/socket: bad frame', e);
      }
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      console.warn('web/socket: a message that is not JSON');
      return;
    }
    const m = ServerMessageSchema.safeParse(raw);
    if (m.success) this.on.message(m.data);
    else console.warn('web/socket: unknown message', m.error.issues[0]);
  }
}

/** ws:// or wss:// URL of /ws on the page's host. */
export function socketUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}
