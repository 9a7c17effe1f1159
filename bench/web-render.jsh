// The time to render a project page not in the render cache, with no HTTP: WebPages.project on
// the real SQLite store of a data directory (the server stopped), each call with a fresh, empty
// DocumentCache, so that each call reads the project from the database (one read transaction) and
// renders its page, as the server does on a miss. Not a test: figures go to docs/benchmarks.md.
//
//   BENCH_DATA=DIR BENCH_PROJECT=NAME BENCH_VERSIONS="1.0 1.1 ..." \
//     jshell --class-path target/cheeseshop.jar bench/web-render.jsh     (bench/web-pages.sh runs it)
//
// Each call asks in turn for the project's page (its newest release) and for one release's page.
// Prints, per run of CALLS calls (env BENCH_CALLS, default 300) after a warm-up, the median and
// 90th percentile of the wall time per call and of this thread's CPU time per call
// (the machine is shared: wall time counts other sessions' work, CPU time far less), then the
// median over the runs (env BENCH_RUNS, default 5).
import dev.cheeseshop.index.DocumentCache;
import dev.cheeseshop.index.ProjectOverviews;
import dev.cheeseshop.journal.JournalWatch;
import dev.cheeseshop.store.sql.SqliteStores;
import dev.cheeseshop.web.Assets;
import dev.cheeseshop.web.Pages;
import dev.cheeseshop.description.DescriptionRenderer;
import dev.cheeseshop.web.StoredDescriptions;
import dev.cheeseshop.web.WebPages;
import java.nio.file.Path;

var store = SqliteStores.open(Path.of(System.getenv("BENCH_DATA"), "cheeseshop.db"), 2);
String project = System.getenv("BENCH_PROJECT");
String[] versions = System.getenv("BENCH_VERSIONS").trim().split("\\s+");
int calls = Integer.parseInt(System.getenv().getOrDefault("BENCH_CALLS", "300"));
int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "5"));
var watch = new JournalWatch();
var overviews = new ProjectOverviews(null);
var descriptions = new StoredDescriptions(new DescriptionRenderer());
var pages = new Pages();
var assets = Assets.load();
var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
long bytes = 0;

double[] run(int n) { // {median wall µs, p90 wall µs, median CPU µs, p90 CPU µs}
    long[] wall = new long[n];
    long[] used = new long[n];
    for (int i = 0; i < n; i++) {
        String version = i % 2 == 0 ? null : versions[(i / 2) % versions.length];
        WebPages web = new WebPages(store, new DocumentCache(64L << 20), watch, overviews, descriptions, pages,
                assets, () -> 0);
        long c = cpu.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        bytes += web.project(project, version, "/").orElseThrow().body().length;
        wall[i] = System.nanoTime() - t;
        used[i] = cpu.getCurrentThreadCpuTime() - c;
    }
    java.util.Arrays.sort(wall);
    java.util.Arrays.sort(used);
    return new double[] {wall[n / 2] / 1e3, wall[(int) (n * 0.9)] / 1e3, used[n / 2] / 1e3, used[(int) (n * 0.9)] / 1e3};
}

double median(double[] xs) {
    double[] s = xs.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

for (int warm = 0; warm < 6; warm++) run(calls);
double[] medians = new double[runs], p90s = new double[runs], cpus = new double[runs], cpu90s = new double[runs];
for (int r = 0; r < runs; r++) {
    double[] x = run(calls);
    medians[r] = x[0]; p90s[r] = x[1]; cpus[r] = x[2]; cpu90s[r] = x[3];
    System.out.printf("render run %d: median %.0f us, p90 %.0f us, CPU median %.0f us, CPU p90 %.0f us (%d calls)%n", r + 1, x[0], x[1], x[2], x[3], calls);
}
System.out.printf("render (WebPages.project, fresh cache, SQLite): median %.0f us, p90 %.0f us, CPU median %.0f us, CPU p90 %.0f us (medians of %d runs)%n",
        median(medians), median(p90s), median(cpus), median(cpu90s), runs);
/exit
