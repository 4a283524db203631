import { describe, expect, it } from 'vitest';
import { projects } from '../../vitest.config.js';

// Vitest's inline projects ignore the root `test` options: a limit set only there silently falls back
// to 5 s / 10 s, and a loaded CI machine turns slow-but-correct tests red.
describe('test configuration', () => {
  it('should give every project its own test and hook timeouts', () => {
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.test.testTimeout, project.test.name).toBeGreaterThanOrEqual(20_000);
      expect(project.test.hookTimeout, project.test.name).toBeGreaterThanOrEqual(60_000);
    }
  });
});
