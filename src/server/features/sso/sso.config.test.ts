import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { openSecret, sealSecret } from './sso.secrets.js';

describe('single sign-on configuration', () => {
  it('should keep the safe defaults: no loopback issuers, system DNS, secrets unsealed', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ ssoAllowLoopbackIssuers: false, dnsServers: null, ssoSecretKey: null });
  });

  it('should read SSO_SECRET_KEY, SSO_ALLOW_LOOPBACK_ISSUERS and DNS_SERVERS', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ SSO_SECRET_KEY: key, SSO_ALLOW_LOOPBACK_ISSUERS: '1', DNS_SERVERS: '127.0.0.1:5353, 1.1.1.1' });
    expect(config.ssoSecretKey?.length).toBe(32);
    expect(config.ssoAllowLoopbackIssuers).toBe(true);
    expect(config.dnsServers).toEqual(['127.0.0.1:5353', '1.1.1.1']);
  });

  it.each([
    ['a key of the wrong length', { SSO_SECRET_KEY: 'c2hvcnQ=' }, /SSO_SECRET_KEY must be 32 bytes/],
    ['a DNS server that is a name', { DNS_SERVERS: 'dns.example.com' }, /DNS_SERVERS must be comma-separated IP addresses/],
  ])('should refuse to start with %s, naming the variable', (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('should seal a client secret so that only the same key opens it', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = sealSecret('s3cret', key);
    expect(sealed).not.toContain('s3cret');
    expect(openSecret(sealed, key)).toBe('s3cret');
    expect(() => openSecret(sealed, Buffer.alloc(32, 2))).toThrow();
    expect(() => openSecret(sealed, null)).toThrow(/SSO_SECRET_KEY/);
    expect(openSecret(sealSecret('plain', null), null)).toBe('plain');
  });
});
