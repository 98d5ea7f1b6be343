package org.caregate.demo.internal;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A console progress bar that appears only once the work has taken a while, so a quick load (a
 * test's few patients, a restart with nothing to do) prints nothing. Safe to step from several threads.
 */
final class DelayedProgressBar implements AutoCloseable {

    private final String task;
    private final long max;
    private final String unit;
    private final long showAfter;
    private final long start = System.nanoTime();
    private long done;
    private @Nullable ProgressBar bar;

    DelayedProgressBar(String task, long max, String unit, Duration showAfter) {
        this.task = task;
        this.max = max;
        this.unit = unit;
        this.showAfter = showAfter.toNanos();
    }

    synchronized void stepBy(long n) {
        done += n;
        if (bar == null && System.nanoTime() - start >= showAfter) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                    .setUnit(unit, 1).setUpdateIntervalMillis(500).startsFrom(0, Duration.ofNanos(System.nanoTime() - start))
                    .build();
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
