/**
 * Loopback sockets a live test opens in its own process so comparisons are not trivial:
 * TCP listeners with established pairs (one with unread data) on 127.0.0.1 and ::1, UDP
 * sockets with an unread datagram, and a unix stream listener with a connection.
 * Everything is on loopback and closed by `close()`.
 */
import net from 'node:net';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnSockets {
  tcpPorts: number[];
  udpPorts: number[];
  unixPath: string;
  close(): Promise<void>;
}

export async function openOwnSockets(): Promise<OwnSockets> {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const udps: dgram.Socket[] = [];
  const tcpPorts: number[] = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = net.createServer((c) => sockets.push(c.pause()));
    server.listen(0, host);
    await once(server, 'listening');
    servers.push(server);
    const port = (server.address() as net.AddressInfo).port;
    tcpPorts.push(port);
    for (let i = 0; i < 3; i++) {
      const c = net.connect(port, host);
      await once(c, 'connect');
      sockets.push(c);
    }
    sockets[sockets.length - 1]!.write(Buffer.alloc(1000, 1)); // left unread: non-zero queue
  }
  const udpPorts: number[] = [];
  for (const type of ['udp4', 'udp6'] as const) {
    const u = dgram.createSocket(type);
    u.bind(0, type === 'udp4' ? '127.0.0.1' : '::1');
    await once(u, 'listening');
    udps.push(u);
    udpPorts.push(u.address().port);
  }
  const dir = mkdtempSync(join(tmpdir(), 'kstat-test-'));
  const unixPath = join(dir, 'sock');
  const unixServer = net.createServer((c) => sockets.push(c.pause()));
  unixServer.listen(unixPath);
  await once(unixServer, 'listening');
  servers.push(unixServer);
  const uc = net.connect(unixPath);
  await once(uc, 'connect');
  sockets.push(uc);
  await new Promise((r) => setTimeout(r, 50)); // let the accepts land
  return {
    tcpPorts,
    udpPorts,
    unixPath,
    async close() {
      for (const s of sockets) s.destroy();
      for (const u of udps) u.close();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
