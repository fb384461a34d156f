import net from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * WebSocket-to-TCP proxy, as Neon runs in front of its Postgres: lets the production driver
 * (@neondatabase/serverless Pool) talk to the local Postgres server in CI.
 */
export async function startWsProxy(): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, request) => {
    const address = new URL(request.url ?? '/', 'http://x').searchParams.get('address') ?? '';
    const [host, port] = address.split(':');
    if (host !== '127.0.0.1' && host !== 'localhost') return socket.close(1008, 'only loopback');
    const tcp = net.connect(Number(port), host);
    tcp.on('data', (chunk) => socket.send(chunk));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close());
    socket.on('message', (data) => tcp.write(data as Buffer));
    socket.on('close', () => tcp.destroy());
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => wss.close(() => resolve())) };
}
