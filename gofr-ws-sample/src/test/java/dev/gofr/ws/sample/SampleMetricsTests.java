package dev.gofr.ws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's meters, read through Actuator as an operator would.
 */
@GofrWsTest
class SampleMetricsTests {

	@LocalServerPort
	int port;

	WsClients clients;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	@Test
	void threeClientsShowUpInTheMetricsAndPrometheus() throws Exception {
		List<WsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				WsTestClient client = this.clients.connect("echo");
				client.sendText("hello");
				client.awaitText();
				clients.add(client);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(get("/actuator/metrics/gofr.ws.connections.active?tag=endpoint:echo"))
					.contains("\"value\":3.0"));
			String prometheus = get("/actuator/prometheus");
			assertThat(prometheus).contains("gofr_ws_messages_received_total{endpoint=\"echo\",type=\"text\"}")
				.contains("gofr_ws_connections_opened_total{endpoint=\"echo\"}")
				.contains("gofr_ws_messages_sent_total")
				.contains("gofr_ws_connections_active{endpoint=\"chat\"}");
		}
		finally {
			clients.forEach(WsTestClient::close);
		}
	}

	@Test
	void aThousandConnectionsCreateNoSeriesPerConnection() {
		int before = this.meters.getMeters().size();
		for (int i = 0; i < 1_000; i++) {
			try (WsTestClient client = this.clients.connect("echo")) {
				client.sendText("x");
				client.awaitText();
			}
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.meters.getMeters().size())
			.as("meters after 1,000 connections").isLessThanOrEqualTo(before + 5));
	}

}
