import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const postgres = { DATABASE_URL: 'postgres://sofie@db:5432/sofie' };

describe('read replica configuration', () => {
  it('should read DATABASE_READ_URL with its defaults', () => {
    const config = loadConfig({ ...postgres, DATABASE_READ_URL: 'postgres://sofie@replica:5432/sofie' });
    expect(config).toMatchObject({ databaseReadUrl: 'postgres://sofie@replica:5432/sofie', databaseReadMaxLagMs: 2_000, readYourWritesMs: 5_000 });
    expect(loadConfig(postgres).databaseReadUrl).toBeNull();
  });

  it.each([
    ['a replica of SQLite', { DATABASE_READ_URL: 'postgres://replica/sofie' }, /DATABASE_READ_URL needs a PostgreSQL DATABASE_URL/],
    ['a replica that is not PostgreSQL', { ...postgres, DATABASE_READ_URL: 'mysql://replica/sofie' }, /DATABASE_READ_URL must start with postgres:\/\//],
    ['a lag bound that is not a number', { ...postgres, DATABASE_READ_MAX_LAG_MS: 'soon' }, /DATABASE_READ_MAX_LAG_MS must be a whole number/],
    ['a window of zero', { ...postgres, READ_YOUR_WRITES_SECONDS: '0' }, /READ_YOUR_WRITES_SECONDS must be a whole number/],
    [
      'a lag bound that does not fit in the read-your-writes window',
      { ...postgres, DATABASE_READ_URL: 'postgres://replica/sofie', DATABASE_READ_MAX_LAG_MS: '4000', READ_YOUR_WRITES_SECONDS: '5' },
      /READ_YOUR_WRITES_SECONDS must be at least DATABASE_READ_MAX_LAG_MS \+ 2 s \(6 with DATABASE_READ_MAX_LAG_MS=4000\)/,
    ],
  ])('should refuse to start with %s, naming the variable', (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
