package dev.gofr.ws.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@GofrWsTest
class SampleApplicationTests {

	@LocalServerPort
	int port;

	WsClients clients;

	@Test
	void echoSendsTextBackAsTextAndBinaryAsBinary() {
		try (WsTestClient client = this.clients.connect("echo")) {
			client.sendText("hello");
			assertThat(client.awaitText()).isEqualTo("hello");
			client.sendBinary(new byte[] { 0, 1, 2, (byte) 255 });
			assertThat(client.awaitBinary()).containsExactly(0, 1, 2, 255);
			String large = "0123456789".repeat(6 * 1024);
			client.sendText(large);
			assertThat(client.awaitText()).isEqualTo(large);
		}
	}

	@Test
	void pageAndHealthAreServed() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/ws/echo");
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
	}

}
