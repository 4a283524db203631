import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpReceiver {
  port: number;
  received: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** A real SMTP peer on 127.0.0.1 (port 0: any free one) that accepts every message. */
export async function smtpReceiver(port = 0): Promise<SmtpReceiver> {
  const received: SmtpReceiver['received'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk) => (raw += chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface HttpRequestSeen {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  port: number;
  url: string;
  /** Every request received in full. */
  received: HttpRequestSeen[];
  /** Every TCP connection accepted, even one that sent nothing. */
  connections: () => number;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that records what it receives and answers with `respond` (204 when it
 * returns nothing; a function that never calls `answer` leaves the request hanging).
 */
export async function httpReceiver(
  respond: (request: HttpRequestSeen, answer: (status: number) => void) => void = (_, answer) => answer(204),
  port = 0,
): Promise<HttpReceiver> {
  const received: HttpRequestSeen[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const seen = { headers: req.headers, body };
      received.push(seen);
      respond(seen, (status) => res.writeHead(status).end());
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/sofie-hooks`,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
