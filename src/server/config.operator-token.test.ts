import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('OPERATOR_TOKEN', () => {
  it('should leave the operator API off when unset', () => {
    expect(loadConfig({}).operatorTokenHash).toBeNull();
  });

  it('should stop the start with a message naming the variable when the token is short', () => {
    expect(() => loadConfig({ OPERATOR_TOKEN: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig({ OPERATOR_TOKEN: 'secret' })).toThrow(/OPERATOR_TOKEN must be 32 to 200 characters/);
  });

  it('should keep only the token’s SHA-256', () => {
    const token = 'a-long-enough-operator-token-0123456789';
    const config = loadConfig({ OPERATOR_TOKEN: token });
    expect(config.operatorTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(config)).not.toContain(token);
  });
});
