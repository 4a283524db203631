import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids.js';

describe('uuidv7', () => {
  it('should carry the time, version 7 and the RFC variant, and never repeat across many draws of random bytes', () => {
    const at = Date.parse('2026-12-02T06:00:00.123Z');
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 300)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
    // Ids of later moments sort after earlier ones (the indexes rely on it).
    const later = [at, at + 1, at + 1_000, at + 86_400_000].map((t) => uuidv7(t));
    expect([...later].sort()).toEqual(later);
  });
});
