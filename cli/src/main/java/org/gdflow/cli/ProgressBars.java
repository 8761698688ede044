package org.gdflow.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gdflow.core.run.ProgressListener;

/**
 * The progress bars of a terminal (me.tongfei:progressbar), redrawn in place with a carriage
 * return: plain ASCII, no colour codes, at most {@value #WIDTH} characters wide.
 */
final class ProgressBars {
    /** The widest a bar's line may be, in characters. */
    static final int WIDTH = 100;
    /** The bar is redrawn this often, in milliseconds. */
    private static final int REDRAW_MILLIS = 500;

    private ProgressBars() {
    }

    /** A bar named {@code task} that counts to {@code max}, drawn on {@code out}. */
    static ProgressBarBuilder builder(PrintStream out, String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH));
    }

    /**
     * The bar of one run: flow time as thousandths of the time limit T, with the step, t and the
     * loss of the last recorded row.
     */
    static final class RunBar implements ProgressListener, AutoCloseable {
        /** The bar's length: t/T in thousandths. */
        static final int SCALE = 1000;
        private final ProgressBar bar;
        private final double timeLimit;

        RunBar(PrintStream out, double timeLimit) {
            this.bar = builder(out, "run", SCALE).build();
            this.timeLimit = timeLimit;
        }

        @Override
        public void recorded(long step, double time, double loss) {
            bar.stepTo(thousandths(time, timeLimit));
            bar.setExtraMessage(String.format(Locale.ROOT, "step %d  t = %.4g  loss %.3e", step, time, loss));
        }

        /** ⌊1000·t/T⌋ clamped to [0, 1000]; 0 when T is not a positive finite number. */
        static long thousandths(double time, double timeLimit) {
            if (!(timeLimit > 0) || Double.isInfinite(timeLimit)) {
                return 0;
            }
            return (long) Math.max(0, Math.min(SCALE, Math.floor(SCALE * time / timeLimit)));
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
