package org.effdyn.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Reproducible generators: path i of master seed s gets XO_RO_SHI_RO_128_PP seeded with two words
 * mixed from (s, i) by the SplitMix64 finalizer. The output is fixed by Commons RNG, not by the
 * JDK or the thread that runs the path, so results are identical on every JDK and thread count.
 * Changing {@link #mix} is a breaking change (golden values in the tests pin it).
 */
public final class RandomStreams {
  private RandomStreams() {}

  /** Generator of stream {@code index} under master {@code seed}. */
  public static UniformRandomProvider stream(long seed, long index) {
    long a = mix(seed ^ 0x9E3779B97F4A7C15L * (index + 1));
    long b = mix(a ^ 0xD1B54A32D192ED03L ^ index);
    return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {a, b});
  }

  /** Generator of a sub-stream: stream(seed, a) then index b, for two-level indices (d, seed). */
  public static UniformRandomProvider stream(long seed, long a, long b) {
    return stream(mix(seed + 0x632BE59BD9B4E019L * (a + 1)), b);
  }

  /** SplitMix64 finalizer (Steele, Lea, Flood 2014), a bijection on 64-bit words. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
