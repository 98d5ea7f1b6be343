package org.caregate.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Latencies in milliseconds of a round of requests, and requests per second: what the benchmarks
 * report. {@link #time} shares the requests among clients, each on a thread of its own.
 */
record Latencies(double[] millis, double perSecond) {

    /** One request by one client; answers its HTTP status. */
    @FunctionalInterface
    interface Call<C> {
        int send(C client) throws Exception;
    }

    double percentile(double p) {
        return millis[Math.min(millis.length - 1, (int) Math.ceil(p / 100 * millis.length) - 1)];
    }

    @Override
    public String toString() {
        return "p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %7.1f requests/s  (%d requests)".formatted(percentile(50),
                percentile(95), percentile(99), perSecond, millis.length);
    }

    /** {@code requests} calls shared among the clients; any answer but 200 stops the round. */
    static <C> Latencies time(List<C> clients, int requests, String what, Call<C> call) throws Exception {
        double[] millis = new double[requests];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients.size())) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                C client = clients.get(c);
                int first = c;
                work.add(pool.submit(() -> {
                    for (int i = first; i < requests; i += clients.size()) {
                        long sent = System.nanoTime();
                        int status = call.send(client);
                        millis[i] = (System.nanoTime() - sent) / 1e6;
                        if (status != 200) {
                            throw new IllegalStateException(what + " answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : work) {
                w.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(millis);
        return new Latencies(millis, requests / seconds);
    }
}
