import { describe, expect, it } from 'vitest';
import { countText } from './format';

describe('list totals as people read them', () => {
  it('should show an exact total as is, and a capped one with a plus', () => {
    expect(countText(1234)).toBe((1234).toLocaleString());
    expect(countText(1234, true)).toBe((1234).toLocaleString());
    expect(countText(10_000, false)).toBe(`${(10_000).toLocaleString()}+`);
  });
});
