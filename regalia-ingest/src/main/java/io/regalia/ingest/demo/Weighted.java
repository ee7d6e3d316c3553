package io.regalia.ingest.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Picks one of several items with probability proportional to its weight; items keep insertion order. */
final class Weighted<T> {
    private final List<T> items = new ArrayList<>();
    private double[] cumulative = new double[8];
    private double total;

    Weighted<T> add(T item, double weight) {
        if (weight <= 0) return this;
        if (items.size() == cumulative.length) cumulative = Arrays.copyOf(cumulative, cumulative.length * 2);
        total += weight;
        cumulative[items.size()] = total;
        items.add(item);
        return this;
    }

    T pick(SplittableRandom r) {
        double x = r.nextDouble() * total;
        int lo = 0;
        int hi = items.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x < cumulative[mid]) hi = mid;
            else lo = mid + 1;
        }
        return items.get(lo);
    }
}
