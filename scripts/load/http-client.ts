// HTTP for the load clients: node:http over keep-alive loopback connections (cheaper per
// request than fetch, so the client measures the server rather than itself). A response body
// is kept only when the caller asks for it; otherwise its bytes are counted and dropped.
import { Agent, request } from 'node:http';

export interface HttpResult {
  status: number;
  /** ms from the request to the last byte of the response */
  ms: number;
  bytes: number;
  /** the body as text, when asked for */
  text: string | undefined;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string, maxSockets: number) {
    const u = new URL(origin);
    this.host = u.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(u.port || 80);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(
    method: string,
    path: string,
    opts: { json?: unknown; keepBody?: boolean; timeoutMs?: number } = {},
  ): Promise<HttpResult> {
    const t0 = performance.now();
    const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          timeout: opts.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (opts.keepBody) chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - t0,
              bytes,
              text: opts.keepBody ? Buffer.concat(chunks).toString('utf8') : undefined,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
