import { describe, expect, it } from 'vitest';
import { countText, exactTime, formatDate, formatDateTime, formatDay, formatMonth, formatNumber, fromNow, noun, plural } from './format';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('one format for dates, numbers and plurals, in the reader’s locale', () => {
  it('should write dates and times by the locale, not one fixed pattern', () => {
    const iso = '2026-11-30T06:15:00Z';
    // The same moment in two locales: day and month in each one's order and words.
    expect(formatDate(iso, 'en-US')).toBe('Nov 30, 2026');
    expect(formatDate(iso, 'en-GB')).toBe('30 Nov 2026');
    expect(formatDate(iso, 'de-DE')).toBe('30.11.2026');
    expect(formatDateTime(iso, 'en-GB')).toMatch(/^30 Nov 2026, \d\d:15$/);
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
  });

  it('should give the exact time, with seconds and time zone, for the hover title', () => {
    const exact = exactTime('2026-11-30T06:15:42Z', 'en-GB');
    expect(exact).toContain('30 November 2026');
    expect(exact).toMatch(/:15:42/);
    expect(exactTime(null)).toBe('');
  });

  it('should write a server day (UTC) as the same day wherever the reader is', () => {
    expect(formatDay('2026-11-30', {}, 'en-US')).toBe('Nov 30');
    expect(formatDay('2026-11-30', { weekday: true }, 'en-GB')).toBe('Mon 30 Nov');
    expect(formatMonth('2026-11-01', 'en-US')).toBe('Nov 2026');
  });

  it('should say how long ago in the largest whole unit, with words for yesterday and now', () => {
    const rel = (iso: string) => fromNow(iso, { now: NOW }, 'en');
    expect(rel(ago(0))).toBe('now');
    expect(rel(ago(45_000))).toBe('45 seconds ago');
    expect(rel(ago(3 * HOUR))).toBe('3 hours ago');
    expect(rel(ago(DAY))).toBe('yesterday');
    expect(rel(ago(-6 * DAY))).toBe('in 6 days');
    expect(rel(ago(14 * DAY))).toBe('2 weeks ago');
    expect(rel(ago(400 * DAY))).toBe('last year');
    expect(fromNow(null)).toBe('never');
    expect(fromNow(null, { never: 'Never signed in' })).toBe('Never signed in');
    expect(fromNow(ago(2 * DAY), { now: NOW }, 'de')).toBe('vorgestern');
  });

  it('should group digits by the locale and pick the noun by its plural rules', () => {
    expect(formatNumber(1234567, 'en-US')).toBe('1,234,567');
    expect(formatNumber(1234567, 'de-DE')).toBe('1.234.567');
    expect(plural(1, 'user', 'users', 'en')).toBe('1 user');
    expect(plural(0, 'user', 'users', 'en')).toBe('0 users');
    expect(plural(1234, 'person', 'people', 'en-US')).toBe('1,234 people');
    expect(noun(1, 'needs', 'need', 'en')).toBe('needs');
    expect(noun(2, 'needs', 'need', 'en')).toBe('need');
  });

  it('should show an exact total as is, and a capped one with a plus', () => {
    expect(countText(1234, true, 'en-US')).toBe('1,234');
    expect(countText(10_000, false, 'en-US')).toBe('10,000+');
    expect(countText(1234)).toBe(formatNumber(1234));
  });
});
