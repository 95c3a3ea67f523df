import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstAdminBanner, redisUnreachableWarning, startupFailureMessage } from '../first-run';

const services = { databaseUrl: 'postgres://corridor:s3cret@db.internal:5499/corridor', redisUrl: 'redis://:hunter2@127.0.0.1:6380' };

const refused = (port: number) => Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED', port, address: '127.0.0.1' });

describe('startupFailureMessage', () => {
  it('names PostgreSQL, DATABASE_URL and what to do when the database is unreachable, without the password', () => {
    const message = startupFailureMessage(refused(5499), services)!;
    expect(message).toBe(
      'Corridor could not start: PostgreSQL is not reachable at db.internal:5499 (DATABASE_URL). Start PostgreSQL (or run `docker compose up -d postgres redis`), or set DATABASE_URL to a server that is running.',
    );
    expect(message).not.toMatch(/s3cret|corridor:/);
  });

  it('names Redis and REDIS_URL when Redis is the one refusing, also inside an AggregateError', () => {
    const aggregate = Object.assign(new AggregateError([refused(6380), refused(6380)], ''), { code: 'ECONNREFUSED' });
    const message = startupFailureMessage(aggregate, services)!;
    expect(message).toContain('Redis is not reachable at 127.0.0.1:6380 (REDIS_URL)');
    expect(message).toContain('docker compose up');
    expect(message).not.toMatch(/hunter2/);
  });

  it('explains bad credentials, a missing database and an unknown host; leaves anything else to the caller', () => {
    expect(startupFailureMessage(Object.assign(new Error('x'), { code: '28P01' }), services)).toMatch(/refused the user or password in DATABASE_URL/);
    expect(startupFailureMessage(Object.assign(new Error('x'), { code: '3D000' }), services)).toMatch(/does not exist.*CORRIDOR_AUTO_MIGRATE/);
    expect(startupFailureMessage(Object.assign(new Error('x'), { code: 'ENOTFOUND', port: 5499 }), services)).toMatch(
      /PostgreSQL host at db.internal:5499 is unknown \(DATABASE_URL\)/,
    );
    expect(startupFailureMessage(new TypeError('boom'), services)).toBeNull();
    expect(startupFailureMessage('nope', services)).toBeNull();
  });
});

describe('redisUnreachableWarning', () => {
  it('names Redis, its address (no password), REDIS_URL and what to do', () => {
    const warning = redisUnreachableWarning(services.redisUrl);
    expect(warning).toMatch(
      /^Warning: Redis is not reachable at 127\.0\.0\.1:6380 \(REDIS_URL\)\. .*Start Redis \(or run `docker compose up -d postgres redis`\)/,
    );
    expect(warning).not.toContain('hunter2');
  });
});

describe('firstAdminBanner', () => {
  it('carries the real token in curl lines that work when pasted into a shell', async () => {
    const bodies: Array<{ url: string; body: unknown }> = [];
    const server = createServer((request: IncomingMessage, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push({ url: request.url ?? '', body: JSON.parse(raw) as unknown });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = 'cen_Jm3kQ0b5c2Vb0r8xY1u7n4PzW9aLqT6eHdGfRsKjUoI';
    const banner = firstAdminBanner({ email: 'admin@example.org', token, base });
    expect(banner).not.toContain('<token>');
    expect(banner.trim().split('\n').at(-1)).toMatch(/^=+$/);
    // The shell lines exactly as printed (prompts, reads and curls), run by bash with typed input.
    const script = banner
      .split('\n')
      .filter((line) => /^ {2}(printf|curl) | {7}-d /.test(line))
      .join('\n');
    try {
      await new Promise<void>((resolve, reject) => {
        const child = execFile('bash', ['-c', script], (error: Error | null) => (error ? reject(error) : resolve()));
        child.stdin!.end('a long passphrase that is mine\n123456\n');
      });
    } finally {
      server.close();
    }
    expect(bodies).toEqual([
      { url: '/api/v1/auth/enrolment', body: { token, password: 'a long passphrase that is mine' } },
      { url: '/api/v1/auth/enrolment/confirm', body: { token, code: '123456' } },
    ]);
  });
});
