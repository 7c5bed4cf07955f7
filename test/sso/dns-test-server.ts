import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A real DNS server on a UDP port, answering TXT questions from a table the test fills in
 * (RFC 1035 message format); anything else is NXDOMAIN. The portal reaches it through
 * DNS_SERVERS=127.0.0.1:<port>, exactly as it would reach a resolver.
 */
export class DnsTestServer {
  readonly txt = new Map<string, string[]>();
  private socket!: Socket;
  address = '';

  static async start(): Promise<DnsTestServer> {
    const server = new DnsTestServer();
    server.socket = createSocket('udp4');
    server.socket.on('message', (message, peer) => {
      const answer = server.answer(message);
      if (answer) server.socket.send(answer, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => server.socket.bind(0, '127.0.0.1', resolve));
    server.address = `127.0.0.1:${(server.socket.address() as AddressInfo).port}`;
    return server;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(query: Buffer): Buffer | null {
    if (query.length < 12) return null;
    let offset = 12;
    const labels: string[] = [];
    while (offset < query.length && query[offset] !== 0) {
      const length = query[offset]!;
      labels.push(query.subarray(offset + 1, offset + 1 + length).toString('ascii'));
      offset += length + 1;
    }
    const questionEnd = offset + 5; // the zero byte, QTYPE and QCLASS
    const type = query.readUInt16BE(offset + 1);
    const records = type === 16 ? this.txt.get(labels.join('.').toLowerCase()) : undefined;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0); // the same id
    header.writeUInt16BE(records ? 0x8580 : 0x8583, 2); // response, authoritative, RD+RA; NXDOMAIN when none
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(records?.length ?? 0, 6);
    const answers = (records ?? []).map((text) => {
      const data = Buffer.from(text, 'utf8');
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      rr.writeUInt16BE(16, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(data.length + 1, 10);
      return Buffer.concat([rr, Buffer.from([data.length]), data]);
    });
    return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
  }
}
