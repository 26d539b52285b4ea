/**
 * Just enough of the DNS wire format (RFC 1035) to stand in for the inbound resolver and to ask a
 * resolver one question over UDP. Loopback only.
 */
import * as dgram from 'dgram';
import { AddressInfo } from 'net';

const TYPE_A = 1;
const CLASS_IN = 1;
export const RCODE_NOERROR = 0;
export const RCODE_NXDOMAIN = 3;

export interface DnsAnswer {
  id: number;
  rcode: number;
  /** IPv4 addresses of the A records in the answer section. */
  addresses: string[];
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.');
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')])), Buffer.from([0])]);
}

/** Reads a possibly compressed name; returns it and the offset after it in the original position. */
function readName(msg: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let offset = start;
  let next: number | undefined;
  for (let hops = 0; hops < 64; hops++) {
    const length = msg[offset];
    if (length === 0) {
      return { name: labels.join('.'), next: next ?? offset + 1 };
    }
    if ((length & 0xc0) === 0xc0) {
      next ??= offset + 2;
      offset = msg.readUInt16BE(offset) & 0x3fff;
      continue;
    }
    labels.push(msg.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  throw new Error('DNS name with a compression loop');
}

export function encodeQuery(id: number, name: string): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // RD: a stub asks for recursion
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(TYPE_A, 0);
  tail.writeUInt16BE(CLASS_IN, 2);
  return Buffer.concat([header, encodeName(name), tail]);
}

function parseQuestion(msg: Buffer): { id: number; name: string; questionEnd: number } {
  const { name, next } = readName(msg, 12);
  return { id: msg.readUInt16BE(0), name, questionEnd: next + 4 };
}

export function parseAnswer(msg: Buffer): DnsAnswer {
  const { id, questionEnd } = parseQuestion(msg);
  const answerCount = msg.readUInt16BE(6);
  const addresses: string[] = [];
  let offset = questionEnd;
  for (let i = 0; i < answerCount; i++) {
    const { next } = readName(msg, offset);
    const type = msg.readUInt16BE(next);
    const length = msg.readUInt16BE(next + 8);
    const data = next + 10;
    if (type === TYPE_A && length === 4) addresses.push([...msg.subarray(data, data + 4)].join('.'));
    offset = data + length;
  }
  return { id, rcode: msg[3] & 0x0f, addresses };
}

/** An authoritative server for one zone: every name under it has the same A record. */
export interface Responder {
  address: string;
  port: number;
  /** Names asked, in order, lower-cased. */
  queries: string[];
  close(): Promise<void>;
}

export async function startResponder(host: string, dnsZone: string, answer: string): Promise<Responder> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, remote) => {
    const question = parseQuestion(msg);
    const name = question.name.toLowerCase();
    queries.push(name);
    const inZone = name === dnsZone || name.endsWith(`.${dnsZone}`);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(question.id, 0);
    header.writeUInt16BE(0x8400 | 0x0100 | (inZone ? RCODE_NOERROR : RCODE_NXDOMAIN), 2); // QR AA RD
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(inZone ? 1 : 0, 6);
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name of the question
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(4, 10);
    answer.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    const reply = Buffer.concat([header, msg.subarray(12, question.questionEnd), ...(inZone ? [record] : [])]);
    socket.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  const { address, port } = socket.address() as AddressInfo;
  return { address, port, queries, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

/** One UDP question; undefined when no answer comes within `timeoutMs`. */
export async function query(server: string, port: number, name: string, timeoutMs: number): Promise<DnsAnswer | undefined> {
  const socket = dgram.createSocket('udp4');
  const id = Math.floor(Math.random() * 0xffff);
  try {
    return await new Promise<DnsAnswer | undefined>((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('message', (msg) => {
        const answer = parseAnswer(msg);
        if (answer.id !== id) return;
        clearTimeout(timer);
        resolve(answer);
      });
      socket.send(encodeQuery(id, name), port, server);
    });
  } finally {
    socket.close();
  }
}

/** A UDP port on 127.0.0.1 that was free a moment ago (for a daemon that needs a port number). */
export async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
