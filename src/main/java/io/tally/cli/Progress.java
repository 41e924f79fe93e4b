package io.tally.cli;

import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr when a person is watching a terminal, and silence otherwise, so
 * that logs and CI output are not filled with redrawn bars. Not thread-safe: one thread
 * updates it, usually the command's main thread polling a counter.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts a bar for {@code total} units (-1 when unknown). */
    static Progress start(String task, long total, String unit) {
        if (System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setUnit(" " + unit, 1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .build();
        return new Progress(bar);
    }

    /** Sets how many units are done. */
    void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Sets a short note shown beside the bar. */
    void note(String text) {
        if (bar != null) {
            bar.setExtraMessage(" " + text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
