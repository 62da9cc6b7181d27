import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator for POST /api/v1/events (issue 3's ingestion benchmark), run with
 * `java bench/EventLoad.java`. Each client sends batches of unique events (each with an id)
 * for its duration; every batch answered 202 has its event ids appended to the acked file,
 * which the no-loss check compares with the database. Prints events/s per second and overall.
 *
 * args: baseUrl token accountsFile seconds clients batchSize ackedFile runTag
 */
public class EventLoad {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		List<String> accounts = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
		int seconds = Integer.parseInt(args[3]);
		int clients = Integer.parseInt(args[4]);
		int batch = Integer.parseInt(args[5]);
		Path acked = Path.of(args[6]);
		String tag = args[7];
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var accepted = new AtomicLong();
		var failed = new AtomicLong();
		var started = System.nanoTime();
		long end = started + seconds * 1_000_000_000L;
		String[] features = { "invoice-capture", "approval-flow", "dashboards", "scheduled-reports", "mobile-app",
				"bulk-import", "user-roles", "integrations-hub", "audit-trail", "alerts", "exports", "search" };
		try (BufferedWriter out = Files.newBufferedWriter(acked)) {
			Thread[] threads = new Thread[clients];
			for (int c = 0; c < clients; c++) {
				int client = c;
				threads[c] = Thread.ofPlatform().start(() -> {
					long seq = 0;
					var sb = new StringBuilder(batch * 200);
					var ids = new StringBuilder(batch * 24);
					while (System.nanoTime() < end) {
						sb.setLength(0);
						ids.setLength(0);
						sb.append("{\"events\":[");
						String now = Instant.now().minusSeconds(30).toString();
						var random = ThreadLocalRandom.current();
						for (int i = 0; i < batch; i++) {
							String id = tag + "-" + client + "-" + seq++;
							String account = accounts.get(random.nextInt(accounts.size()));
							if (i > 0) sb.append(',');
							sb.append("{\"id\":\"").append(id).append("\",\"accountId\":\"").append(account)
								.append("\",\"userId\":\"u-").append(random.nextInt(40)).append("\",\"occurredAt\":\"")
								.append(now).append('"');
							if (random.nextInt(4) == 0) sb.append(",\"type\":\"LOGIN\"}");
							else sb.append(",\"type\":\"FEATURE_USED\",\"feature\":\"")
								.append(features[random.nextInt(features.length)]).append("\"}");
							ids.append(id).append('\n');
						}
						sb.append("]}");
						try {
							var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
								.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
								.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(),
									HttpResponse.BodyHandlers.ofString());
							if (response.statusCode() == 202) {
								accepted.addAndGet(batch);
								synchronized (out) {
									out.write(ids.toString());
								}
							}
							else {
								failed.incrementAndGet();
								if (failed.get() < 5) System.err.println(response.statusCode() + " " + response.body());
							}
						}
						catch (Exception e) {
							failed.incrementAndGet();
							try { Thread.sleep(200); } catch (InterruptedException ie) { return; }
						}
					}
				});
			}
			long last = 0;
			for (int s = 1; s <= seconds; s++) {
				Thread.sleep(1000);
				long now = accepted.get();
				if (s % 10 == 0) System.out.printf("t=%ds %d events/s%n", s, (now - last) / 10);
				if (s % 10 == 0) last = now;
			}
			for (Thread t : threads) t.join();
		}
		double secs = (System.nanoTime() - started) / 1e9;
		System.out.printf("RESULT events=%d seconds=%.1f events_per_s=%.0f failed_batches=%d%n", accepted.get(), secs,
				accepted.get() / secs, failed.get());
	}
}
