// A tiny authoritative DNS server over UDP on 127.0.0.1 that answers TXT queries from a map: domain
// verification tests publish records here and point DNS_SERVERS at it.
import { createSocket, type RemoteInfo } from 'node:dgram';

export interface TestDnsServer {
  /** "127.0.0.1:<port>", for DNS_SERVERS / config.dnsServers. */
  address: string;
  /** TXT strings by lower-case domain name; tests add and remove records. */
  txt: Map<string, string[]>;
  close(): Promise<void>;
}

function readQuestion(message: Buffer): { name: string; type: number; end: number } | null {
  const labels: string[] = [];
  let offset = 12;
  while (offset < message.length) {
    const length = message[offset];
    if (length === 0) break;
    if (length > 63) return null; // no compression in questions
    labels.push(message.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  if (offset + 5 > message.length) return null;
  return { name: labels.join('.').toLowerCase(), type: message.readUInt16BE(offset + 1), end: offset + 5 };
}

function txtAnswer(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length || i === 0; i += 255) {
    const part = data.subarray(i, i + 255);
    chunks.push(Buffer.from([part.length]), part);
    if (data.length === 0) break;
  }
  const rdata = Buffer.concat(chunks);
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  fixed.writeUInt16BE(16, 2); // TXT
  fixed.writeUInt16BE(1, 4); // IN
  fixed.writeUInt32BE(60, 6); // TTL
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

function answer(query: Buffer, txt: Map<string, string[]>): Buffer | null {
  if (query.length < 12) return null;
  const question = readQuestion(query);
  if (!question) return null;
  const records = question.type === 16 ? (txt.get(question.name) ?? []) : [];
  const known = txt.has(question.name);
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2); // QR, AA, RD copied, NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, query.subarray(12, question.end), ...records.map(txtAnswer)]);
}

export async function startDnsServer(): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const txt = new Map<string, string[]>();
  socket.on('message', (message: Buffer, remote: RemoteInfo) => {
    const reply = answer(message, txt);
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    txt,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
