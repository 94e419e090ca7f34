package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.gofr.ws.test.WsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application sends 1001 to every connection after what is already queued for it.
 */
class GracefulShutdownIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "immediate", "graceful" })
	void everyConnectionGets1001AfterItsQueuedMessages(String shutdown) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "server.shutdown=" + shutdown, "gofr.ws.shutdown.timeout=20s")
			.run();
		WsClients clients = WsClients.from(context);
		List<WsTestClient> idle = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			idle.add(clients.connect("echo"));
		}
		WsTestClient flooded = clients.connect("flood");
		int floods = TestApplication.FLOODS_QUEUED.get();
		flooded.sendText("flood 5000");
		assertThat(flooded.awaitText()).isEqualTo("m0");
		await().atMost(Duration.ofSeconds(10)).until(() -> TestApplication.FLOODS_QUEUED.get() > floods);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

		for (int i = 1; i < 5000; i++) {
			Frame frame = flooded.awaitMessage(Duration.ofSeconds(20));
			assertThat(frame).as("message %d of 5000", i).isEqualTo(new Frame.Text("m" + i));
		}
		assertThat(flooded.awaitClose(Duration.ofSeconds(20))).hasCode(1001);
		for (WsTestClient client : idle) {
			assertThat(client.awaitClose(Duration.ofSeconds(20))).hasCode(1001);
		}
		closing.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
		assertThatThrownBy(() -> clients.to("echo").timeout(Duration.ofSeconds(2)).connect())
			.isInstanceOf(WsTestClient.HandshakeFailedException.class);
	}

}
