import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { startBackgroundJob } from './background-job.js';

const errors: unknown[] = [];
const silent = { error: (o: unknown) => errors.push(o) } as unknown as FastifyBaseLogger;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background jobs', () => {
  it('should never run two rounds at once, and keep going after a failed round', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let rounds = 0;
    const job = startBackgroundJob(
      'test',
      silent,
      async () => {
        rounds++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(30);
        inFlight--;
        if (rounds === 1) throw new Error('first round fails');
      },
      { intervalMs: 5, firstDelayMs: 0 },
    );
    for (let i = 0; i < 5; i++) job.kick();
    await tick(150);
    await job.stop();
    expect(maxInFlight).toBe(1);
    expect(rounds).toBeGreaterThan(1);
    expect(errors).toHaveLength(1);
  });

  it('should wait for the round in flight when stopped, and start no new one', async () => {
    let finished = false;
    let rounds = 0;
    const job = startBackgroundJob(
      'test',
      silent,
      async () => {
        rounds++;
        await tick(40);
        finished = true;
      },
      { intervalMs: 5, firstDelayMs: 0 },
    );
    await tick(10);
    await job.stop();
    expect(finished).toBe(true);
    const after = rounds;
    await tick(30);
    expect(rounds).toBe(after);
  });
});
