import { describe, expect, it } from 'vitest';
import { lagTracker, parseLsn } from './read-replica.js';

describe('replica lag', () => {
  it('should read an LSN as its byte position', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('should be 0 when the replica has replayed the newest primary position, however old it is (an idle primary)', () => {
    const lag = lagTracker();
    lag.primaryAt(0, parseLsn('0/100'));
    expect(lag.replayed(parseLsn('0/100'), 60_000)).toBe(0);
  });

  it('should be the age of the oldest primary position not yet replayed', () => {
    const lag = lagTracker();
    lag.primaryAt(1_000, parseLsn('0/100'));
    expect(lag.replayed(parseLsn('0/80'), 1_010)).toBe(10);
    lag.primaryAt(2_000, parseLsn('0/200'));
    expect(lag.replayed(parseLsn('0/80'), 2_010)).toBe(1_010);
    // Replayed past the first position, not the second: the second one's age counts.
    expect(lag.replayed(parseLsn('0/180'), 2_500)).toBe(500);
    expect(lag.replayed(parseLsn('0/200'), 2_600)).toBe(0);
  });

  it('should keep the oldest position while the replica stays away, however many probes pass', () => {
    const lag = lagTracker();
    for (let i = 0; i < 5_000; i++) lag.primaryAt(i * 1_000, BigInt(i + 1));
    expect(lag.replayed(0n, 5_000_000)).toBe(5_000_000);
  });
});
