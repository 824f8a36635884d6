/**
 * How hard the reliability specs push: fast by default (the default run must add well under a minute
 * to `npm test`), much longer with `SOAK=1` (`npm run soak`).
 *
 * Environment:
 * - `SOAK=1`: many more fuzz runs and differential programs, 10^6 soak cycles per kind.
 * - `FUZZ_SEED=<int>`: replay a fuzz run (the seed is printed with every failure).
 * - `FUZZ_RUNS=<int>`, `DIFF_PROGRAMS=<int>`, `SOAK_CYCLES=<int>`: override one figure.
 */
export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, not ${raw}`);
  return n;
}

/**
 * The fuzz seed: fixed by default so that CI runs are reproducible, random under SOAK so that every
 * soak explores new sequences (fast-check prints the seed of a failure either way).
 */
export const FUZZ_SEED: number = intFromEnv(
  'FUZZ_SEED',
  SOAK ? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0 : 20240611,
);

/** fast-check runs per container (each run is a sequence of up to {@link FUZZ_MAX_OPS} operations). */
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', SOAK ? 200 : 25);

/** The longest operation sequence of one run. */
export const FUZZ_MAX_OPS = SOAK ? 60 : 30;

/** Generated differential programs compared with CPython (plus the hand-written ones). */
export const DIFF_PROGRAMS = intFromEnv('DIFF_PROGRAMS', SOAK ? 2000 : 300);

/** Create/drop cycles per kind in the leak soak. */
export const SOAK_CYCLES = intFromEnv('SOAK_CYCLES', SOAK ? 1_000_000 : 5_000);

/** Figures gathered during the run, printed once at the end (see reporter in the soak spec). */
export const figures: Record<string, number | string> = {};

/** Adds `n` to the figure `name`. */
export function count(name: string, n: number): void {
  figures[name] = ((figures[name] as number | undefined) ?? 0) + n;
}

/**
 * Prints the figures at the end of a reliability run (under SOAK, or with FIGURES=1). A root hook of
 * mocha when loaded by a spec; `typeof` keeps this module usable outside mocha.
 */
if (typeof after === 'function' && (SOAK || process.env.FIGURES === '1')) {
  after(() => {
    const lines = Object.entries(figures).map(
      ([k, v]) => `    ${k}: ${typeof v === 'number' ? v.toLocaleString('en') : v}`,
    );
    console.log(`\n  Reliability figures (seed ${FUZZ_SEED}):\n${lines.join('\n')}\n`);
  });
}
