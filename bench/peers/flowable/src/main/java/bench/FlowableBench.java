package bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

/**
 * The peer measurement: Flowable's embedded engine on PostgreSQL (history level full), doing what
 * `npm run bench` does to the product — the same return/revise loop on the first review, the same
 * sample counts, concurrency and durations — and printing one JSON object on stdout.
 *
 * One action is what a task app does for a person: find the project's open task in the acting
 * department's candidate group, then complete it with the outcome and the submitted data.
 */
public final class FlowableBench {
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final Map<String, Integer> turns = new java.util.concurrent.ConcurrentHashMap<>();

  private FlowableBench(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    int samples = Integer.parseInt(a.getOrDefault("samples", "60"));
    int projects = Integer.parseInt(a.getOrDefault("projects", "16"));
    int seconds = Integer.parseInt(a.getOrDefault("duration", "8"));
    int starts = Integer.parseInt(a.getOrDefault("starts", "40"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "300"));

    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setJdbcUrl(a.get("jdbc"));
    cfg.setJdbcDriver("org.postgresql.Driver");
    cfg.setJdbcUsername(a.getOrDefault("user", "bench"));
    cfg.setJdbcPassword(System.getenv().getOrDefault("PGPASSWORD", ""));
    cfg.setJdbcMaxActiveConnections(Math.max(projects, 32) + 8);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistoryLevel(HistoryLevel.FULL);
    // The boundary timers are real jobs: the async executor runs, as in production.
    cfg.setAsyncExecutorActivate(true);
    ProcessEngine engine = cfg.buildProcessEngine();
    try {
      engine.getRepositoryService().createDeployment().addClasspathResource("approval.bpmn20.xml").deploy();
      FlowableBench b = new FlowableBench(engine);
      System.out.println(b.run(samples, projects, seconds, starts, warmup));
    } finally {
      engine.close();
    }
  }

  /** A start with an application of the product benchmark's size. */
  private String start(int i) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("title", "基准测试项目");
    vars.put("applicantUnit", "微山县基准测试单位");
    vars.put("totalBudget", 1_000_000L);
    vars.put("meetingDate", "2026-03-02");
    vars.put("minutesRef", "基准〔2026〕1号");
    vars.put("plannedCompletionOn", "2030-06-30");
    return runtime.startProcessInstanceByKey("approval", "bench-" + i + "-" + System.nanoTime(), vars).getId();
  }

  /** The benchmark's repeatable pair: a return by 县大数据局, then the applicant's revision. */
  private void act(String processInstanceId) {
    int turn = turns.merge(processInstanceId, 1, Integer::sum) - 1;
    boolean review = turn % 2 == 0;
    Task task = tasks.createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskCandidateGroup(review ? "bigData" : "applicant")
        .taskDefinitionKey(review ? "requirementsReview" : "requirementsRevision")
        .singleResult();
    if (task == null) throw new IllegalStateException("no open task for turn " + turn + " of " + processInstanceId);
    Map<String, Object> vars = new HashMap<>();
    if (review) {
      vars.put("outcome", "return");
      vars.put("comment", "请补充");
    } else {
      vars.put("revisedPlan", "修改稿-" + turn);
    }
    tasks.complete(task.getId(), vars);
  }

  private List<String> startMany(int n, int concurrency) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<String>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        final int k = i;
        fs.add(pool.submit(() -> start(k)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> f : fs) ids.add(f.get());
      return ids;
    } finally {
      pool.shutdown();
    }
  }

  private double sustain(List<String> ids, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ids.size());
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (String id : ids) {
        fs.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            act(id);
            done.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
    } finally {
      pool.shutdown();
    }
    return done.get() / (double) seconds;
  }

  private String run(int samples, int projects, int seconds, int starts, int warmup) throws Exception {
    // Warm-up in the same JVM: the JIT compiles the engine's paths before anything is timed.
    long w0 = System.nanoTime();
    List<String> warm = startMany(Math.max(10, warmup / 10), 8);
    for (int i = 0; i < warmup; i++) act(warm.get(i % warm.size()));
    sustain(warm.subList(0, Math.min(8, warm.size())), 2);
    double warmupSeconds = (System.nanoTime() - w0) / 1e9;

    // 1. Latency: one action at a time, spread over ten projects.
    List<String> ten = startMany(10, 10);
    for (int i = 0; i < 20; i++) act(ten.get(i % 10));
    double[] lat = new double[samples];
    for (int i = 0; i < samples; i++) {
      long t = System.nanoTime();
      act(ten.get(i % 10));
      lat[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(lat);

    // 2. Throughput: N projects acting back to back for the duration.
    double rate = sustain(startMany(projects, 32), seconds);

    // 3. Starts, 32 at a time, as the product's benchmark starts them.
    long s0 = System.nanoTime();
    startMany(starts, 32);
    double startsPerSecond = starts / ((System.nanoTime() - s0) / 1e9);

    return String.format(
        java.util.Locale.ROOT,
        "{\"engine\":\"Flowable %s\",\"java\":\"%s\",\"latencyMs\":{\"p50\":%.2f,\"p95\":%.2f,\"p99\":%.2f,\"n\":%d},"
            + "\"actionsPerSecond\":%.1f,\"projectsStartedPerSecond\":%.1f,\"warmup\":{\"actions\":%d,\"seconds\":%.1f}}",
        ProcessEngine.class.getPackage().getImplementationVersion() == null ? "7.2.0" : ProcessEngine.class.getPackage().getImplementationVersion(),
        System.getProperty("java.version"),
        pct(lat, 50), pct(lat, 95), pct(lat, 99), samples, rate, startsPerSecond, warmup, warmupSeconds);
  }

  /** The same percentile rule as scripts/bench.ts: the value at floor(p/100 × n) of the sorted samples. */
  private static double pct(double[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p / 100.0 * sorted.length))];
  }
}
