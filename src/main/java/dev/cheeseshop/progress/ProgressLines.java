package dev.cheeseshop.progress;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress as plain lines, for a log or a file rather than a terminal: while a stage runs, a line
 * at most every {@code interval} (at the first advance after it has passed) with the items and
 * bytes done, of how many when known, the rate and the time left; when a stage that printed a line
 * ends, a last line with what it did. Work that ends within the interval prints nothing, so a
 * quick nightly job stays quiet. A zero interval prints a line at every advance. Times come from
 * the clock given.
 *
 * <pre>
 * backup: files 40/100 files (40%), 12.0 MiB of 30.0 MiB, 2.1 MiB/s, 9s left
 * backup: files done: 100 files, 30.0 MiB in 14s, 2.1 MiB/s
 * </pre>
 */
public final class ProgressLines implements Progress {
    private final String prefix;
    private final Consumer<String> out;
    private final Clock clock;
    private final Duration interval;

    /** @param prefix what every line starts with (the command's name); {@code out} takes each line */
    public ProgressLines(String prefix, Consumer<String> out, Clock clock, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval must not be negative: " + interval);
        }
        this.prefix = prefix;
        this.out = out;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public Stage start(String name, String unit, long items, long bytes) {
        return new LineStage(name, unit, items, bytes, clock.millis());
    }

    private final class LineStage implements Stage {
        private final String name;
        private final String unit;
        private final long totalItems;
        private final long totalBytes;
        private final long started;
        private long items;
        private long bytes;
        private long lastLine;
        private boolean printed;
        private boolean closed;

        LineStage(String name, String unit, long totalItems, long totalBytes, long started) {
            this.name = name;
            this.unit = unit;
            this.totalItems = totalItems;
            this.totalBytes = totalBytes;
            this.started = started;
            this.lastLine = started;
        }

        @Override
        public synchronized void advance(long moreItems, long moreBytes) {
            items += moreItems;
            bytes += moreBytes;
            long now = clock.millis();
            if (!closed && now - lastLine >= interval.toMillis()) {
                lastLine = now;
                printed = true;
                out.accept(prefix + ": " + name + " " + counts() + rate(now) + left(now));
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (printed) {
                long now = clock.millis();
                out.accept(prefix + ": " + name + " done: " + items + " " + unit
                        + (bytes > 0 || totalBytes > 0 ? ", " + size(bytes) : "") + " in "
                        + duration(now - started) + rate(now));
            }
        }

        /** {@code 40/100 files (40%), 12.0 MiB of 30.0 MiB}. */
        private String counts() {
            StringBuilder line = new StringBuilder().append(items);
            if (totalItems >= 0) {
                line.append('/').append(totalItems);
            }
            line.append(' ').append(unit);
            double fraction = fraction();
            if (fraction >= 0) {
                line.append(" (").append((int) Math.floor(fraction * 100)).append("%)");
            }
            if (bytes > 0 || totalBytes > 0) {
                line.append(", ").append(size(bytes));
                if (totalBytes >= 0) {
                    line.append(" of ").append(size(totalBytes));
                }
            }
            return line.toString();
        }

        /** How much is done, by bytes when their total is known, else by items; -1 when unknown. */
        private double fraction() {
            if (totalBytes > 0) {
                return Math.min(1, (double) bytes / totalBytes);
            }
            if (totalItems > 0) {
                return Math.min(1, (double) items / totalItems);
            }
            return totalItems == 0 || totalBytes == 0 ? 1 : -1;
        }

        /** {@code , 2.1 MiB/s} (or items per second when no bytes are counted); nothing before any time has passed. */
        private String rate(long now) {
            long elapsed = now - started;
            if (elapsed <= 0) {
                return "";
            }
            if (bytes > 0) {
                return ", " + size(Math.round(bytes * 1000.0 / elapsed)) + "/s";
            }
            return String.format(Locale.ROOT, ", %.1f %s/s", items * 1000.0 / elapsed, unit);
        }

        /** {@code , 9s left}, when the total is known and something is done. */
        private String left(long now) {
            double fraction = fraction();
            long elapsed = now - started;
            if (fraction <= 0 || fraction >= 1 || elapsed <= 0) {
                return "";
            }
            return ", " + duration(Math.round(elapsed * (1 - fraction) / fraction)) + " left";
        }
    }

    /** Bytes as people read them: {@code 512 B}, {@code 12.0 KiB}, {@code 3.4 GiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Milliseconds as {@code 0s}, {@code 9s}, {@code 2m05s}, {@code 1h02m03s}. */
    static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, rest);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", minutes, rest);
        }
        return rest + "s";
    }
}
