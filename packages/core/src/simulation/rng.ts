/**
 * The simulator's random stream: sfc32 seeded by hashing the seed and the run index apart (murmur3 finaliser).
 * A run's draws depend only on (seed, run), so results do not depend on how runs are split
 * across workers, and every plan replayed in the same run sees the same events (common random numbers).
 *
 * @example const rng = runStream(42, 7); const u = rng.next(); // u in [0, 1)
 */
export interface UniformStream {
  /** A float in [0, 1). */
  next(): number;
}

/** The murmur3 finaliser: a bijection on 32-bit integers. */
function mix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Sfc32 implements UniformStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}

/** The stream of run `run` under `seed` (both integers below 2^32); distinct pairs give distinct states. */
export function runStream(seed: number, run: number): Sfc32 {
  const a = mix32((seed >>> 0) ^ 0x243f6a88);
  const b = mix32((run >>> 0) ^ 0x85a308d3);
  return new Sfc32(a, b, mix32(a ^ 0x13198a2e), mix32((b + 0x03707344) | 0) | 1);
}

/** Inverse-CDF draw from a triangular distribution (min <= mode <= max). */
export function triangular(u: number, min: number, mode: number, max: number): number {
  const width = max - min;
  if (width <= 0) return mode;
  const cut = (mode - min) / width;
  return u < cut
    ? min + Math.sqrt(u * width * (mode - min))
    : max - Math.sqrt((1 - u) * width * (max - mode));
}
