package com.onward.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

/** Text responses travel compressed: the 1 MB ECharts bundle and the stylesheet shrink on the wire. */
class CompressionIntegrationTests extends IntegrationTest {

	@Test
	void scriptsAndStylesAreGzippedForBrowsersThatAskForIt() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (String path : new String[] { "/webjars/echarts/dist/echarts.min.js", "/css/onward.css", "/js/onward.js" }) {
			HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(plain.statusCode()).as(path).isEqualTo(200);
			assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
			assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length / 2);
		}
	}
}
