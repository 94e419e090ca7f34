package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.gofr.ws.observation.HandshakeObservationContext;
import dev.gofr.ws.observation.MessageObservationContext;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Handshakes and messages seen by an observation registry, as a tracing backend would see them.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gofr.ws.observation.messages=true", "gofr.ws.allowed-origins=https://good.example" })
@Import(ObservationIntegrationTests.Observations.class)
class ObservationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Observations observations;

	private URI uri(String path) {
		return URI.create("ws://localhost:" + this.port + path);
	}

	@BeforeEach
	void forgetEarlierObservations() {
		this.observations.stopped.clear();
	}

	@Test
	void handshakeAndMessagesAreObservedWithLowCardinalityKeys() {
		try (WsTestClient client = WsTestClient.connect(uri("/ws/failing"))) {
			client.sendText("hello");
			assertThat(client.awaitText()).isEqualTo("hello");
			client.sendText("deny");
			assertThat(client.awaitText()).contains("FORBIDDEN");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.stopped).hasSizeGreaterThanOrEqualTo(3));
		assertThat(this.observations.stopped(HandshakeObservationContext.class)).singleElement()
			.satisfies((context) -> {
				assertThat(context.getName()).isEqualTo("gofr.ws.handshake");
				assertThat(lowCardinality(context)).containsEntry("endpoint", "failing")
					.containsEntry("status", "101")
					.containsEntry("outcome", "accepted");
			});
		List<MessageObservationContext> messages = this.observations.stopped(MessageObservationContext.class);
		assertThat(messages).extracting((context) -> lowCardinality(context).get("outcome"))
			.containsExactly("SUCCESS", "FORBIDDEN");
		assertThat(messages).allSatisfy((context) -> {
			assertThat(context.getName()).isEqualTo("gofr.ws.message");
			assertThat(lowCardinality(context)).containsOnlyKeys("endpoint", "type", "outcome")
				.containsEntry("endpoint", "failing")
				.containsEntry("type", "text");
			assertThat(context.getHighCardinalityKeyValue("connection.id")).isNotNull();
		});
		assertThat(messages.get(1).getError()).isNotNull();
	}

	@Test
	void refusedHandshakeIsObservedWithItsStatus() {
		HandshakeFailedException refused = catchThrowableOfType(HandshakeFailedException.class,
				() -> WsTestClient.connect(uri("/ws/echo"), Map.of("Origin", "https://evil.example"),
						Duration.ofSeconds(5)).close());
		assertThat(refused.status()).isEqualTo(403);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.observations.stopped(HandshakeObservationContext.class)).isNotEmpty());
		assertThat(this.observations.stopped(HandshakeObservationContext.class)).singleElement()
			.satisfies((context) -> assertThat(lowCardinality(context)).containsEntry("endpoint", "echo")
				.containsEntry("status", "403")
				.containsEntry("outcome", "rejected"));
	}

	private static Map<String, String> lowCardinality(Observation.Context context) {
		Map<String, String> values = new TreeMap<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			values.put(keyValue.getKey(), keyValue.getValue());
		}
		return values;
	}

	/**
	 * An observation registry that keeps every stopped observation's context, as a tracing
	 * backend would receive them.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Observations {

		final Queue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					Observations.this.stopped.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

		<T> List<T> stopped(Class<T> type) {
			return this.stopped.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
