package io.regalia.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Aligned "label  value" lines, with the number formats every scenario shares. */
final class Printout {
    private static final int LABEL_WIDTH = 50;
    private final PrintStream out;

    Printout(PrintStream out) { this.out = out; }

    void section(String title) {
        out.println();
        out.println("== " + title + " ==");
        out.flush();
    }

    void line(String label, String value) {
        out.println(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s %s", label, value));
        out.flush();
    }

    void note(String text) {
        out.println("   " + text);
        out.flush();
    }

    static String seconds(double s) { return String.format(Locale.ROOT, "%.2f s", s); }

    static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    static String rate(long rows, double seconds, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s/s", rows / seconds, unit);
    }

    static String timedRate(double seconds, long rows, String unit) {
        return String.format(Locale.ROOT, "%9.2f s  %,12.0f %s/s", seconds, rows / seconds, unit);
    }

    static String percent(double ratio) { return String.format(Locale.ROOT, "%.1f %%", 100 * ratio); }

    static String times(double ratio) { return String.format(Locale.ROOT, "%.2f×", ratio); }

    static String bytes(long n) {
        if (n >= 1L << 30) return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
