import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the simulator that stops listening the moment it sees a chosen
 * request, so that the gateway's next connection is refused (ECONNREFUSED: no TCP connection, so no
 * request reached anything). Every answer says `connection: close`, so no kept-alive socket hides
 * the closed port. `reopen()` listens again on the same port.
 */
export interface ClosingProxy {
  /** The proxy's base URL; paths are forwarded unchanged to the target. */
  url: string;
  /** Where requests go (an origin such as the simulator's URL); set before the first request. */
  forwardTo(targetUrl: string): void;
  /** Stop listening before forwarding the first request for which `matches` is true. */
  closeOn(matches: (method: string, path: string) => boolean): void;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function startClosingProxy(): Promise<ClosingProxy> {
  let target: URL | null = null;
  let trigger: ((method: string, path: string) => boolean) | null = null;
  const server: Server = createServer((req, res) => {
    if (trigger?.(req.method ?? '', req.url ?? '')) {
      trigger = null;
      server.close();
    }
    if (target === null) {
      res.writeHead(502).end();
      return;
    }
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, connection: 'close' },
      },
      (answer: IncomingMessage) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(targetUrl) {
      target = new URL(targetUrl);
    },
    closeOn(matches) {
      trigger = matches;
    },
    reopen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}
