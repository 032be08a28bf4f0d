import http from 'node:http';
import net from 'node:net';

/**
 * What the proxy does with a request:
 * - `pass`: forwards it and its answer unchanged;
 * - `down`: nothing listens on the port (connection refused);
 * - `reset`: accepts the connection and resets it (ECONNRESET);
 * - `slow`: answers, but only after `slowMs` (beyond any client timeout);
 * - `stall`: sends the status, the headers and half of the body, then nothing;
 * - `5xx`: answers 502 with a proxy's HTML error page;
 * - `truncated`: answers 200 with the first half of Prometheus' JSON, complete
 *   as HTTP (its Content-Length is that of the half).
 */
export type FaultMode =
  | 'pass'
  | 'down'
  | 'reset'
  | 'slow'
  | 'stall'
  | '5xx'
  | 'truncated';

/** A proxy in front of a real server whose faults tests switch on and off. */
export type FaultProxy = {
  /** Where clients send requests instead of the server. */
  baseUrl: string;
  mode(): FaultMode;
  /**
   * Switches the mode; each request meets the mode of the moment it arrives,
   * also on a connection kept alive. `down` closes the open connections (a
   * client may see its first request on one fail with a socket error rather
   * than a refused connection).
   */
  setMode(mode: FaultMode): Promise<void>;
  /** Requests that reached the proxy, by the mode they met. */
  requests: Record<FaultMode, number>;
  stop(): Promise<void>;
};

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
};

async function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Sends the request to `target` as it came and reads the whole answer. */
function forward(
  target: URL,
  request: http.IncomingMessage,
  body: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host },
      },
      response => {
        readBody(response).then(
          answerBody =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: answerBody,
            }),
          reject,
        );
      },
    );
    upstream.once('error', reject);
    upstream.end(body);
  });
}

/** The headers of an answer, without those that describe the original body. */
function passableHeaders(
  headers: http.IncomingHttpHeaders,
): http.OutgoingHttpHeaders {
  const {
    'content-length': _length,
    'transfer-encoding': _encoding,
    connection: _connection,
    ...rest
  } = headers;
  return rest;
}

/**
 * Starts a proxy on 127.0.0.1 in front of `targetBaseUrl` (a real Prometheus in
 * the tests), in mode `pass`.
 */
export async function startFaultProxy(
  targetBaseUrl: string,
  options: { slowMs?: number } = {},
): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  const slowMs = options.slowMs ?? 60_000;
  let mode: FaultMode = 'pass';
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const requests = Object.fromEntries(
    (
      ['pass', 'down', 'reset', 'slow', 'stall', '5xx', 'truncated'] as const
    ).map(m => [m, 0]),
  ) as Record<FaultMode, number>;

  const handle = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ) => {
    const current = mode;
    requests[current]++;
    if (current === 'reset') {
      request.socket.resetAndDestroy();
      return;
    }
    const body = await readBody(request);
    if (current === '5xx') {
      response.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return;
    }
    if (current === 'slow') {
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, slowMs);
        timers.add(timer);
        // The client gave up: nothing to answer.
        response.once('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
      });
      if (response.destroyed) return;
    }
    const answer = await forward(target, request, body);
    if (current === 'stall') {
      response.writeHead(answer.status, {
        ...passableHeaders(answer.headers),
        'Content-Length': answer.body.length,
      });
      response.write(answer.body.subarray(0, answer.body.length / 2));
      return; // and never ends
    }
    const sent =
      current === 'truncated'
        ? answer.body.subarray(0, Math.floor(answer.body.length / 2))
        : answer.body;
    response.writeHead(answer.status, {
      ...passableHeaders(answer.headers),
      'Content-Length': sent.length,
    });
    response.end(sent);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      response.destroy();
    });
  });
  server.on('connection', socket => {
    if (mode === 'reset') {
      requests.reset++;
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const closeConnections = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const close = () =>
    new Promise<void>(resolve => {
      server.close(() => resolve());
      closeConnections();
    });

  const port = await listen(0);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mode: () => mode,
    requests,
    async setMode(next) {
      if (next === mode) return;
      const wasDown = mode === 'down';
      mode = next;
      if (next === 'down') {
        await close();
        return;
      }
      if (wasDown) await listen(port);
    },
    async stop() {
      if (mode !== 'down') await close();
      mode = 'down';
    },
  };
}
