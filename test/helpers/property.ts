import { randomInt } from 'node:crypto';

/**
 * fast-check options with a seed that is printed and can be replayed: `FC_SEED=<n> npm test` runs the
 * same cases again (fast-check also prints the seed and the failing path when a property fails).
 */
export function propertyOptions(name: string, numRuns: number): { seed: number; numRuns: number } {
  const fromEnv = process.env.FC_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : randomInt(0, 2 ** 31 - 1);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer (got "${fromEnv}")`);
  console.log(`[property] ${name}: seed ${seed} (replay with FC_SEED=${seed})`);
  return { seed, numRuns };
}
