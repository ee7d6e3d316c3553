package io.regalia.core.risk;

/** The one rounding rule of the model, so Java and SQL agree on every half. */
final class Rounding {
    private Rounding() {}

    /** Half up, as {@code floor(x + 0.5)} (not {@link Math#round}, whose result type and edge cases differ). */
    static long halfUp(double x) {
        return (long) Math.floor(x + 0.5);
    }

    static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
