import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';

describe('configuration', () => {
  it('serves a single machine with no variables set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/corridor');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
    expect(config.process.roles).toEqual(['api', 'worker', 'scheduler']);
    expect(config.process.autoMigrate).toBe(true);
  });

  it('reads roles, ports and lists', () => {
    const config = loadConfig({ CORRIDOR_ROLES: 'worker, scheduler', PORT: '8080', CORS_ORIGINS: 'https://a.example,https://b.example' });
    expect(config.process.roles).toEqual(['worker', 'scheduler']);
    expect(config.process.hasRole('api')).toBe(false);
    expect(config.http.port).toBe(8080);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', CORRIDOR_ROLES: 'api,janitor', REDIS_URL: 'http://nope' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/CORRIDOR_ROLES:/);
    expect(message).toMatch(/REDIS_URL:/);
  });

  it('never prints a secret value in its message', () => {
    const secret = 'postgres://corridor:hunter2-very-secret@db:5432/x y';
    expect(() => loadConfig({ DATABASE_URL: secret })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: secret });
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_URL');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('refuses an empty role list', () => {
    expect(() => loadConfig({ CORRIDOR_ROLES: ',' })).toThrow(/CORRIDOR_ROLES/);
  });
});
