import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';

describe('DRILL_TIME_COMPRESSION', () => {
  it('is real time by default', () => {
    expect(loadConfig({}).process.drillTimeCompression).toBe(1);
  });

  it('is read outside production', () => {
    expect(loadConfig({ DRILL_TIME_COMPRESSION: '600' }).process.drillTimeCompression).toBe(600);
    expect(loadConfig({ NODE_ENV: 'test', DRILL_TIME_COMPRESSION: '600' }).process.drillTimeCompression).toBe(600);
  });

  it('is refused in production, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DRILL_TIME_COMPRESSION: '600' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', DRILL_TIME_COMPRESSION: '600' })).toThrow(/DRILL_TIME_COMPRESSION.*production/);
    expect(
      loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://corridor.example.org', DRILL_TIME_COMPRESSION: '1' }).process.drillTimeCompression,
    ).toBe(1);
  });

  it('refuses nonsense', () => {
    for (const value of ['0', '-5', '1.5', 'fast', '1000000']) {
      expect(() => loadConfig({ DRILL_TIME_COMPRESSION: value })).toThrow(/DRILL_TIME_COMPRESSION/);
    }
  });
});
