// The names of the generated people the benchmarks seed (rows: personRow in test/helpers/seed-users.ts).

export const FIRST_NAMES = [
  'ada',
  'grace',
  'alan',
  'katherine',
  'linus',
  'margaret',
  'tim',
  'barbara',
  'dennis',
  'frances',
  'ken',
  'radia',
  'edsger',
  'hedy',
  'john',
  'sophie',
  'yusuf',
  'mei',
  'ravi',
  'olga',
];
export const LAST_NAMES = [
  'lovelace',
  'hopper',
  'turing',
  'johnson',
  'torvalds',
  'hamilton',
  'liskov',
  'ritchie',
  'allen',
  'thompson',
  'perlman',
  'dijkstra',
  'lamarr',
  'backus',
  'wilson',
  'demir',
  'chen',
  'patel',
  'ivanova',
  'mensah',
];

/** Appears in the last name of 1 person in 1,000. */
export const RARE_TERM = 'quillfeather';

export interface GeneratedPerson {
  name: string;
  email: string;
  createdAt: string;
  lastActiveAt: string | null;
  /** 1 in 100 holds the rarer role (the role-filter scenario). */
  rareRole: boolean;
  status: 'active' | 'invited' | 'deactivated';
}

/** The i-th of `count` people, created a second apart up to `now`: every seeder (ours, Better Auth's) makes the same ones. */
export function generatedPerson(i: number, count: number, now: number): GeneratedPerson {
  const iso = (ms: number) => new Date(ms).toISOString();
  const first = FIRST_NAMES[i % 20];
  const last = i % 1000 === 7 ? RARE_TERM : LAST_NAMES[Math.floor(i / 20) % 20];
  const domain = i % 5 < 2 ? 'gmail.com' : `example${i % 7}.test`;
  const activeAgo = i % 1000 === 5 ? 2 * 86_400_000 : (10 + (i % 80)) * 86_400_000;
  return {
    name: `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}`,
    email: `${first}.${last}${i}@${domain}`,
    createdAt: iso(now - (count - i) * 1_000),
    lastActiveAt: i % 3 === 0 ? null : iso(now - activeAgo),
    rareRole: i % 100 === 0,
    status: i % 50 === 0 ? 'deactivated' : i % 10 === 1 ? 'invited' : 'active',
  };
}
