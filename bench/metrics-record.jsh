// What counting one request costs the Router, in nanoseconds of this thread's CPU time (the
// machine is shared, so wall time would count other sessions' work), single-threaded: the route
// meter's record (a switch on the method, two array reads, one histogram observation) and the one
// System.nanoTime() the Router adds. Not a test: figures go to docs/benchmarks.md.
//
//   jshell --class-path target/cheeseshop.jar bench/metrics-record.jsh      (after mvn -DskipTests package)
import dev.cheeseshop.metrics.RouteMeter;
import dev.cheeseshop.metrics.prometheus.PrometheusMetrics;

RouteMeter meter = new PrometheusMetrics().route("/simple/{name}/");
java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
long sink = 0;

long recordLoop(int n) {
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
        meter.record((i & 7) == 0 ? "HEAD" : "GET", (i & 15) == 0 ? 304 : 200, 20_000 + (i & 1023));
    }
    return cpu.getCurrentThreadCpuTime() - start;
}

long clockLoop(int n) {
    long start = cpu.getCurrentThreadCpuTime();
    long s = 0;
    for (int i = 0; i < n; i++) {
        s += System.nanoTime();
    }
    sink += s;
    return cpu.getCurrentThreadCpuTime() - start;
}

int n = 20_000_000;
for (int warm = 0; warm < 3; warm++) { recordLoop(n); clockLoop(n); }
long[] record = new long[5];
long[] clock = new long[5];
for (int run = 0; run < 5; run++) { record[run] = recordLoop(n); clock[run] = clockLoop(n); }
java.util.Arrays.sort(record);
java.util.Arrays.sort(clock);
System.out.printf("record: %.1f ns per request (median of 5 runs of %,d)%n", record[2] / (double) n, n);
System.out.printf("System.nanoTime(): %.1f ns per call (median of 5 runs of %,d)%n", clock[2] / (double) n, n);
/exit
