package dev.cheeseshop.metrics.prometheus;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The JVM's metrics (heap and memory pools, garbage collection, threads, class loading, the
 * process's CPU and file descriptors), in one registry for the process: they describe the JVM,
 * not one server in it, and the client registers its listeners on the JVM once per registry, so
 * servers started one after another in a JVM (the tests) share this one.
 */
final class JvmRegistry {
    private JvmRegistry() {}

    private static final class Holder {
        static final PrometheusRegistry REGISTRY = create();

        private static PrometheusRegistry create() {
            PrometheusRegistry registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            return registry;
        }
    }

    static PrometheusRegistry get() {
        return Holder.REGISTRY;
    }
}
