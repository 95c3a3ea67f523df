import { loadConfig } from '@config/app.config';
import { ConfigError } from '@config/config.error';

const PRODUCTION = { NODE_ENV: 'production' };

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
};

describe('PUBLIC_BASE_URL', () => {
  it('defaults to the local address outside production', () => {
    expect(loadConfig({}).http.publicBase).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080', NODE_ENV: 'test' }).http.publicBase).toBe('http://127.0.0.1:8080');
  });

  it('takes an absolute http(s) URL, trailing slashes dropped, a path prefix kept', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://corridor.example.org/' }).http.publicBase).toBe('https://corridor.example.org');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://10.0.0.5:3000/corridor' }).http.publicBase).toBe('http://10.0.0.5:3000/corridor');
  });

  it.each(['corridor.example.org', '/c', 'ftp://corridor.example.org', 'https://corridor.example.org/?x=1', 'https://corridor.example.org/#top', 'not a url'])(
    'refuses %s at boot',
    (value) => {
      expect(problemsOf({ PUBLIC_BASE_URL: value })).toMatch(/PUBLIC_BASE_URL: must be an absolute http\(s\) URL/);
    },
  );

  it('is required, and https, in production', () => {
    expect(problemsOf(PRODUCTION)).toMatch(/PUBLIC_BASE_URL: required in production/);
    expect(problemsOf({ ...PRODUCTION, PUBLIC_BASE_URL: 'http://corridor.example.org' })).toMatch(/PUBLIC_BASE_URL: must be https:\/\/ in production/);
    expect(loadConfig({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://corridor.example.org' }).http.publicBase).toBe('https://corridor.example.org');
  });
});
