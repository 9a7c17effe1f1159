package dev.cheeseshop.metrics.prometheus;

import dev.cheeseshop.metrics.RouteMeter;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One route's share of the request histogram. The series of a (method, status) pair is looked
 * up by its labels once, on its first request, and kept in an array indexed by method and status,
 * so that a request costs two array reads and one observation: no map look-up, no allocation.
 */
final class RouteHistogram implements RouteMeter {
    /** The methods with a label of their own; any other is {@code other}. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "other"};
    private static final int OTHER_METHOD = METHODS.length - 1;
    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500; // 100 to 599

    private final Histogram histogram;
    private final String route;
    private final AtomicReferenceArray<AtomicReferenceArray<DistributionDataPoint>> series =
            new AtomicReferenceArray<>(METHODS.length);

    RouteHistogram(Histogram histogram, String route) {
        this.histogram = histogram;
        this.route = route;
    }

    @Override
    public void record(String method, int status, long nanos) {
        int m = methodIndex(method);
        int s = status - FIRST_STATUS;
        if (s < 0 || s >= STATUSES) {
            s = 500 - FIRST_STATUS; // no such status is sent; counted as a failure, never dropped
        }
        AtomicReferenceArray<DistributionDataPoint> byStatus = series.get(m);
        if (byStatus == null) {
            series.compareAndSet(m, null, new AtomicReferenceArray<>(STATUSES));
            byStatus = series.get(m);
        }
        DistributionDataPoint point = byStatus.get(s);
        if (point == null) {
            // Idempotent: two first requests at once get the same series from the histogram.
            point = histogram.labelValues(route, METHODS[m], Integer.toString(s + FIRST_STATUS));
            byStatus.set(s, point);
        }
        point.observe(nanos / 1e9);
    }

    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "PATCH" -> 5;
            case "OPTIONS" -> 6;
            default -> OTHER_METHOD;
        };
    }
}
