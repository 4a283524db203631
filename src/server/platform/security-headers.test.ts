import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('security headers', () => {
  it('should send the content security policy and the browser protections on every answer: API, refusal, console, unknown path', async () => {
    t = await buildTestApp();
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: t.adminCookie } }),
      await t.app.inject({ method: 'GET', url: '/api/users' }),
      await t.app.inject({ method: 'GET', url: '/users' }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-thing' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 200, 404]);
    for (const { headers, statusCode } of answers) {
      const policy = String(headers['content-security-policy']).split(';');
      expect(policy, `answer ${statusCode}`).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "frame-ancestors 'self'",
        ]),
      );
      // Scripts: the console's own files and the hashes of its inline scripts, nothing else.
      expect(policy.find((d) => d.startsWith('script-src'))).toMatch(/^script-src 'self'( 'sha256-[\w+/=]+')*$/);
      expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
      expect(headers['x-powered-by']).toBeUndefined();
      // Served over plain HTTP (PUBLIC_URL http://): a browser would ignore HSTS there, and a wrong one would lock a host out of HTTP.
      expect(headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('should ask browsers to keep to HTTPS when the public URL is https', async () => {
    t = await buildTestApp({ config: { publicUrl: 'https://um.acme.test' } });
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
  });
});
