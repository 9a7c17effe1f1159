/**
 * The port through which the server counts what it does ({@link dev.cheeseshop.metrics.Metrics},
 * with a {@link dev.cheeseshop.metrics.RouteMeter} per route, resolved once at start), and who may
 * read the counts ({@link dev.cheeseshop.metrics.Exposure}). JDK only: the HTTP layer records
 * through it without knowing the metrics library, and {@code app} wires the Prometheus
 * implementation ({@code metrics.prometheus}) or {@link dev.cheeseshop.metrics.Metrics#NONE}.
 */
package dev.cheeseshop.metrics;
