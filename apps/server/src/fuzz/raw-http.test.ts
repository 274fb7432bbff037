// Malformed HTTP below the framework: bytes no HTTP client would send, written to a raw
// socket. Node's parser answers 400 (431 for headers too large) and closes; the server itself
// carries on, and a body declared bigger than it is, or cut off, never gets a handler called.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../testing/app.ts';

let s: TestServer;
let port: number;
beforeAll(async () => {
  s = await testServer({ listen: true });
  port = Number(new URL(s.wsUrl.replace('ws', 'http')).port);
});
afterAll(() => s.close());

/** Writes raw bytes, then collects what comes back until the server closes (or 5 s pass). */
function exchange(bytes: string | Buffer, halfClose = true): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`${text}[timeout]`);
    }, 5_000);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.write(bytes, () => {
      if (halfClose) socket.end();
    });
  });
}

const MALFORMED: [string, string | Buffer][] = [
  ['garbage request line', 'GARBAGE\r\n\r\n'],
  ['binary noise', Buffer.from(Array.from({ length: 512 }, (_, k) => (k * 37 + 11) % 256))],
  ['unknown method', 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['HTTP/9.9', 'GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n'],
  ['bad header line', 'GET /api/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n'],
  ['header with NUL', 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
  [
    'headers of 64 kB',
    `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(65_536)}\r\n\r\n`,
  ],
  [
    'two lengths',
    'POST /api/scenarios HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
  ],
  [
    'length and chunked',
    'POST /api/scenarios HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  ],
  [
    'bad chunk size',
    'POST /api/scenarios HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  ],
  [
    'body shorter than its length',
    'POST /api/scenarios HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":',
  ],
  ['negative length', 'POST /api/scenarios HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'],
];

describe('malformed HTTP on a raw socket', () => {
  it.each(MALFORMED)('%s: a 4xx or a closed connection, never a 2xx or 5xx', async (_, bytes) => {
    const answer = await exchange(bytes);
    expect(answer).not.toContain('[timeout]');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
    if (status !== undefined)
      expect(Number(status), answer.slice(0, 200)).toBeGreaterThanOrEqual(400);
    if (status !== undefined) expect(Number(status), answer.slice(0, 200)).toBeLessThan(500);
    expect(answer).not.toMatch(/\n\s+at |node_modules/);
  });

  it('still answers afterwards, and stored nothing from the broken bodies', async () => {
    expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const list = (await s.app.inject({ url: '/api/scenarios' })).json() as {
      scenarios: { builtIn: boolean }[];
    };
    expect(list.scenarios.filter((x) => !x.builtIn)).toEqual([]);
  });
});
