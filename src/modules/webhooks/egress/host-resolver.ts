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

/** The system resolver can stall for long; an attempt waits this much for an answer at most. */
const RESOLVE_TIMEOUT_MS = 5_000;

@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(host: string): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('DNS_TIMEOUT')), RESOLVE_TIMEOUT_MS);
    });
    try {
      const answers = await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
      return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
    } finally {
      clearTimeout(timer);
    }
  }
}
