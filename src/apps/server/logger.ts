import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The application log. Requests are logged by method, path and status only: never bodies,
 * query strings, headers (API keys, cookies) or client addresses, so that no record content,
 * credential or reporter's address can reach a log. Written to standard output, or to
 * `destination` (tests read what was logged).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
        id: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    redact: { paths: ['headers.authorization', 'authorization', '*.authorization'], remove: true },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
