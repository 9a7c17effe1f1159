package dev.cheeseshop.app;

import dev.cheeseshop.progress.Progress;
import dev.cheeseshop.progress.ProgressLines;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * How long commands show their progress on standard error ({@code --progress}), the one place
 * that chooses between a bar and lines: a bar when standard input and output are a terminal
 * ({@code System.console()}), plain periodic lines otherwise (a log, a pipe, cron), or as asked.
 */
final class ProgressOption {
    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "${env:CHEESESHOP_PROGRESS:-auto}",
            description = "How to show progress on standard error: bar (a progress bar), lines (a line every"
                    + " --progress-interval while a step runs, and one when it ends), none, or auto: a bar on a"
                    + " terminal, else lines (env CHEESESHOP_PROGRESS; default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--progress-interval", paramLabel = "SECONDS",
            defaultValue = "${env:CHEESESHOP_PROGRESS_INTERVAL:-10}",
            description = "Seconds between progress lines, 0 for a line at every step (env"
                    + " CHEESESHOP_PROGRESS_INTERVAL; default ${DEFAULT-VALUE}).")
    String interval;

    /** The progress of {@code command} as the options (or the terminal) say; a bad value is one error line. */
    Progress open(String command, Clock clock) {
        PrintStream err = System.err;
        Duration every = seconds();
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> System.console() != null
                    ? new ProgressBars(command, err)
                    : lines(command, err, clock, every);
            case "bar" -> new ProgressBars(command, err);
            case "lines" -> lines(command, err, clock, every);
            case "none" -> Progress.NONE;
            default -> throw new CommandFailure("invalid --progress '" + mode.replaceAll("\\p{Cntrl}", "?")
                    + "': use auto, bar, lines or none");
        };
    }

    private static ProgressLines lines(String command, PrintStream err, Clock clock, Duration every) {
        return new ProgressLines(command, line -> {
            err.println(line);
            err.flush();
        }, clock, every);
    }

    private Duration seconds() {
        try {
            double seconds = Double.parseDouble(interval.strip());
            if (seconds >= 0 && seconds <= Integer.MAX_VALUE) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandFailure("invalid --progress-interval '" + interval.replaceAll("\\p{Cntrl}", "?")
                + "': a number of seconds, 0 or more");
    }
}
