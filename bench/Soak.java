import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak load of bench/soak.sh: for the given duration, at once —
 *   ingestion (1,000-event batches, 2 per second), page views (portfolio and account pages, cookie
 *   session), API reads (account health and adoption, the account list), a sweep every minute and a
 *   full health recompute every `recomputeEvery` seconds (the first after one interval).
 * Per window of `window` seconds it reports p95 per endpoint and errors; after each recompute the
 * heap used (after a GC hint is not possible remotely: the heap as Prometheus reports it) and the
 * connection pool's wait (hikaricp_connections_acquire_seconds, max and mean over the window).
 * Usage: java bench/Soak.java BASE TOKEN COOKIE ACCOUNTS_FILE SECONDS RECOMPUTE_EVERY WINDOW OUT
 */
public class Soak {

	record Sample(String endpoint, long window, long millis, boolean error) {
	}

	static final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
	static final Map<String, String> firstErrors = new ConcurrentHashMap<>();
	static final List<String> recomputes = Collections.synchronizedList(new ArrayList<>());
	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	static String base, token, cookie;
	static long started, windowSeconds;
	static volatile boolean running = true;

	public static void main(String[] args) throws Exception {
		base = args[0];
		token = args[1];
		cookie = args[2];
		List<String> accounts = Files.readAllLines(Path.of(args[3])).stream().filter(s -> !s.isBlank()).toList();
		long seconds = Long.parseLong(args[4]);
		long recomputeEvery = Long.parseLong(args[5]);
		windowSeconds = Long.parseLong(args[6]);
		Path out = Path.of(args[7]);
		started = System.nanoTime();
		var threads = new ArrayList<Thread>();
		AtomicLong acked = new AtomicLong();
		// Ingestion: 1,000 events per batch, about 2 batches per second.
		threads.add(Thread.ofPlatform().start(() -> {
			while (running) {
				long t0 = System.nanoTime();
				var sb = new StringBuilder("{\"events\":[");
				for (int i = 0; i < 1000; i++) {
					String account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
					if (i > 0) sb.append(',');
					sb.append("{\"id\":\"soak-").append(UUID.randomUUID()).append("\",\"accountId\":\"").append(account)
						.append("\",\"userId\":\"u-").append(i % 5 + 1).append("\",\"type\":\"FEATURE_USED\",\"feature\":\"f-")
						.append(1 + i % 12).append("\",\"occurredAt\":\"").append(Instant.now().minusSeconds(30)).append("\"}");
				}
				sb.append("]}");
				if (call("POST /api/v1/events", "POST", "/api/v1/events", sb.toString(), true) == 202) acked.addAndGet(1000);
				sleepRest(t0, 500);
			}
		}));
		// API reads: two clients.
		for (int c = 0; c < 2; c++) {
			threads.add(Thread.ofPlatform().start(() -> {
				while (running) {
					long t0 = System.nanoTime();
					String a = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
					call("GET /api/v1/accounts/{id}/health", "GET", "/api/v1/accounts/" + a + "/health", null, true);
					call("GET /api/v1/accounts/{id}/adoption", "GET", "/api/v1/accounts/" + a + "/adoption", null, true);
					call("GET /api/v1/accounts?page", "GET", "/api/v1/accounts?size=50&page=" + ThreadLocalRandom.current().nextInt(100), null, true);
					sleepRest(t0, 100);
				}
			}));
		}
		// Page views: one person clicking around.
		threads.add(Thread.ofPlatform().start(() -> {
			while (running) {
				long t0 = System.nanoTime();
				String a = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
				call("GET / (portfolio page)", "GET", "/?size=25&page=" + ThreadLocalRandom.current().nextInt(100), null, false);
				call("GET /accounts/{id} (page)", "GET", "/accounts/" + a, null, false);
				sleepRest(t0, 500);
			}
		}));
		// Sweeps every minute, a full recompute every recomputeEvery seconds.
		threads.add(Thread.ofPlatform().start(() -> {
			long nextSweep = 60, nextRecompute = recomputeEvery;
			while (running) {
				long now = elapsedSeconds();
				if (now >= nextRecompute) {
					long t0 = System.nanoTime();
					int status = call("POST /api/v1/health/recompute", "POST", "/api/v1/health/recompute", null, true);
					long ms = (System.nanoTime() - t0) / 1_000_000;
					sleep(15_000); // let the listeners drain before reading the heap
					recomputes.add("at %ds: status %d in %d ms; then heap used %s MB, pool %s".formatted(now, status, ms,
							heapMb(), poolWait()));
					nextRecompute += recomputeEvery;
				}
				else if (now >= nextSweep) {
					call("POST /api/v1/automation/sweeps", "POST", "/api/v1/automation/sweeps", null, true);
					nextSweep += 60;
				}
				sleep(1000);
			}
		}));
		// Pool wait per window, from the app's Prometheus endpoint.
		var poolByWindow = new TreeMap<Long, String>();
		while (elapsedSeconds() < seconds) {
			sleep(windowSeconds * 1000);
			poolByWindow.put(elapsedSeconds() / windowSeconds - 1, poolWait());
		}
		running = false;
		for (Thread t : threads) t.join(120_000);

		var report = new StringBuilder();
		report.append("soak: %d s, windows of %d s; %d events acknowledged%n".formatted(seconds, windowSeconds, acked.get()));
		var endpoints = new TreeMap<String, Map<Long, List<Sample>>>();
		for (Sample s : new ArrayList<>(samples)) {
			endpoints.computeIfAbsent(s.endpoint(), k -> new TreeMap<>()).computeIfAbsent(s.window(), k -> new ArrayList<>()).add(s);
		}
		long errors = samples.stream().filter(Sample::error).count();
		for (var e : endpoints.entrySet()) {
			report.append("p95 ms per window, ").append(e.getKey()).append(":");
			for (var w : e.getValue().entrySet()) {
				var ms = w.getValue().stream().map(Sample::millis).sorted().toList();
				long p95 = ms.get(Math.max(0, (int) Math.ceil(ms.size() * 0.95) - 1));
				long err = w.getValue().stream().filter(Sample::error).count();
				report.append(" ").append(p95).append(err > 0 ? "(" + err + " errors)" : "");
			}
			var all = e.getValue().values().stream().flatMap(List::stream).map(Sample::millis).sorted().toList();
			report.append(" | overall p95 %d ms, max %d ms, n=%d%n".formatted(all.get(Math.max(0, (int) Math.ceil(all.size() * 0.95) - 1)),
					all.getLast(), all.size()));
		}
		recomputes.forEach(r -> report.append("recompute ").append(r).append('\n'));
		poolByWindow.forEach((w, p) -> report.append("pool at end of window %d: %s%n".formatted(w, p)));
		report.append("request errors: %d of %d%n".formatted(errors, samples.size()));
		firstErrors.forEach((k, v) -> report.append("  first error of ").append(k).append(": ").append(v).append('\n'));
		System.out.print(report);
		Files.writeString(out, report.toString());
	}

	static int call(String endpoint, String method, String path, String body, boolean api) {
		long t0 = System.nanoTime();
		int status = -1;
		String error = null;
		try {
			var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
			if (api) b.header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
			else b.header("Cookie", cookie);
			b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			status = r.statusCode();
			if (status >= 300) error = status + " " + r.body().substring(0, Math.min(200, r.body().length()));
		}
		catch (IOException e) {
			error = e.toString();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		long ms = (System.nanoTime() - t0) / 1_000_000;
		samples.add(new Sample(endpoint, elapsedSeconds() / windowSeconds, ms, error != null));
		if (error != null) firstErrors.putIfAbsent(endpoint, error);
		return status;
	}

	static String metrics() {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException | InterruptedException e) {
			return "";
		}
	}

	static double sum(String text, String metric, String labelFilter) {
		double total = 0;
		Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
		while (m.find()) {
			if (labelFilter == null || (m.group(1) != null && m.group(1).contains(labelFilter))) total += Double.parseDouble(m.group(2));
		}
		return total;
	}

	static String heapMb() {
		return "%.0f".formatted(sum(metrics(), "jvm_memory_used_bytes", "area=\"heap\"") / 1024 / 1024);
	}

	static double lastAcquireCount, lastAcquireSum;

	static synchronized String poolWait() {
		String t = metrics();
		double count = sum(t, "hikaricp_connections_acquire_seconds_count", null);
		double total = sum(t, "hikaricp_connections_acquire_seconds_sum", null);
		double max = sum(t, "hikaricp_connections_acquire_seconds_max", null);
		double mean = count > lastAcquireCount ? (total - lastAcquireSum) / (count - lastAcquireCount) * 1000 : 0;
		lastAcquireCount = count;
		lastAcquireSum = total;
		return "acquire wait mean %.2f ms, max %.0f ms, pending now %.0f, incomplete event publications %.0f".formatted(mean,
				max * 1000, sum(t, "hikaricp_connections_pending", null), sum(t, "onward_event_publications_incomplete", null));
	}

	static long elapsedSeconds() {
		return (System.nanoTime() - started) / 1_000_000_000L;
	}

	static void sleepRest(long t0, long periodMillis) {
		long rest = periodMillis - (System.nanoTime() - t0) / 1_000_000;
		if (rest > 0) sleep(rest);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
