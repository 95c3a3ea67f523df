import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a host name to every address it has. A provider of its own so tests can change the
 * answer between registration and delivery (DNS rebinding).
 */
export abstract class HostResolver {
  abstract resolve(host: string): Promise<ResolvedAddress[]>;
}

@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(host: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(host, { all: true, verbatim: true });
    return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
  }
}
