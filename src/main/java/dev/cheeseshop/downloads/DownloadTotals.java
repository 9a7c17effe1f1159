package dev.cheeseshop.downloads;

import java.util.Map;

/**
 * A project's downloads over the last day, week and month ({@link Period}), as the JSON API's
 * {@code info.downloads} shows them; {@link #UNCOUNTED} (-1 each, what pypi.org sends) when this
 * index does not count downloads.
 */
public record DownloadTotals(long lastDay, long lastWeek, long lastMonth) {
    public static final DownloadTotals UNCOUNTED = new DownloadTotals(-1, -1, -1);

    /**
     * The totals as of {@code today} from downloads per day ({@code daily}, day to count): each
     * period sums the days from its first day to today; days outside every period are ignored.
     */
    public static DownloadTotals of(Map<Long, Long> daily, long today) {
        long day = 0;
        long week = 0;
        long month = 0;
        for (Map.Entry<Long, Long> entry : daily.entrySet()) {
            long d = entry.getKey();
            if (d > today) {
                continue;
            }
            long n = entry.getValue();
            day += d >= Period.DAY.firstDay(today) ? n : 0;
            week += d >= Period.WEEK.firstDay(today) ? n : 0;
            month += d >= Period.MONTH.firstDay(today) ? n : 0;
        }
        return new DownloadTotals(day, week, month);
    }
}
