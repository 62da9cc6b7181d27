import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator comparing Segment-format ingestion with native POST /api/v1/events, run with
 * `java bench/SegmentLoad.java`. In mode "native" each batch is {"events": [...]} with account ids;
 * in mode "segment" it is a Segment {"batch": [...]} of track calls (messageId, event name,
 * context.groupId = the account's external id) sent with the write key as HTTP Basic user. The
 * same mix: a quarter "Signed In" (LOGIN), the rest feature events. Prints RESULT events_per_s.
 *
 * args: baseUrl token accountsFile(id,externalId per line) seconds clients batchSize mode runTag
 */
public class SegmentLoad {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = args[1];
		List<String[]> accounts = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank())
			.map(s -> s.split("\\|")).toList();
		int seconds = Integer.parseInt(args[3]);
		int clients = Integer.parseInt(args[4]);
		int batch = Integer.parseInt(args[5]);
		boolean segment = args[6].equals("segment");
		String tag = args[7];
		String path = segment ? "/api/v1/integrations/segment/v1/batch" : "/api/v1/events";
		String auth = segment ? "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8))
				: "Bearer " + token;
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		var accepted = new AtomicLong();
		var failed = new AtomicLong();
		long started = System.nanoTime();
		long end = started + seconds * 1_000_000_000L;
		String[] features = { "Invoice Captured", "Approval Given", "Dashboard Viewed", "Report Scheduled", "Mobile Opened",
				"Bulk Imported", "Role Changed", "Integration Synced", "Audit Viewed", "Alert Set", "Export Run", "Searched" };
		Thread[] threads = new Thread[clients];
		for (int c = 0; c < clients; c++) {
			int client = c;
			threads[c] = Thread.ofPlatform().start(() -> {
				long seq = 0;
				var sb = new StringBuilder(batch * 220);
				while (System.nanoTime() < end) {
					sb.setLength(0);
					sb.append(segment ? "{\"batch\":[" : "{\"events\":[");
					String now = Instant.now().minusSeconds(30).toString();
					var random = ThreadLocalRandom.current();
					for (int i = 0; i < batch; i++) {
						String id = tag + "-" + client + "-" + seq++;
						String[] account = accounts.get(random.nextInt(accounts.size()));
						String user = "u-" + random.nextInt(40);
						boolean login = random.nextInt(4) == 0;
						String feature = features[random.nextInt(features.length)];
						if (i > 0) sb.append(',');
						if (segment) {
							sb.append("{\"type\":\"track\",\"messageId\":\"").append(id).append("\",\"userId\":\"").append(user)
								.append("\",\"event\":\"").append(login ? "Signed In" : feature).append("\",\"timestamp\":\"")
								.append(now).append("\",\"context\":{\"groupId\":\"").append(account[1]).append("\"}}");
						}
						else {
							sb.append("{\"id\":\"").append(id).append("\",\"accountId\":\"").append(account[0])
								.append("\",\"userId\":\"").append(user).append("\",\"occurredAt\":\"").append(now).append('"');
							if (login) sb.append(",\"type\":\"LOGIN\"}");
							else sb.append(",\"type\":\"FEATURE_USED\",\"feature\":\"").append(feature).append("\"}");
						}
					}
					sb.append("]}");
					try {
						var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
							.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
							.POST(HttpRequest.BodyPublishers.ofString(sb.toString())).build(), HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() == 202) {
							accepted.addAndGet(batch);
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
		for (Thread t : threads) t.join();
		double secs = (System.nanoTime() - started) / 1e9;
		System.out.printf("RESULT mode=%s events=%d seconds=%.1f events_per_s=%.0f failed_batches=%d%n", args[6],
				accepted.get(), secs, accepted.get() / secs, failed.get());
	}
}
