package dev.gofr.ws.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClientFactory}'s TLS setup: a declared client with {@code ssl.bundle} trusts
 * what the bundle trusts, against a TLS server with a self-signed certificate that the JVM does
 * not trust.
 */
class ClientFactoryTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<String> messages = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GofrWsClientAutoConfiguration.class))
		.withPropertyValues("spring.ssl.bundle.jks.upstream.truststore.location=classpath:tls/truststore.p12",
				"spring.ssl.bundle.jks.upstream.truststore.password=" + Upstream.PASSWORD,
				"spring.ssl.bundle.jks.upstream.truststore.type=PKCS12",
				"gofr.ws.clients.feed.reconnect.initial-delay=100ms", "gofr.ws.clients.feed.reconnect.max-delay=200ms",
				"gofr.ws.clients.feed.heartbeat.enabled=false")
		.withBean(ReconnectingClientCustomizer.class, () -> (name, builder) -> builder
			.onMessage((client, message) -> this.messages.add(message.text()))
			.onConnected((client) -> client.sendText("hello over TLS")));

	private Upstream upstream;

	@BeforeEach
	void startUpstream() throws Exception {
		this.upstream = Upstream.listeningWithTls();
	}

	@AfterEach
	void stopUpstream() throws InterruptedException {
		this.upstream.stop(5000);
	}

	@Test
	void aClientWithAnSslBundleConnectsToTheServerItsBundleTrusts() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + this.upstream.url(),
				"gofr.ws.clients.feed.ssl.bundle=upstream")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
				await().atMost(WAIT).until(feed::isOpen);
				await().atMost(WAIT).until(() -> this.messages.contains("welcome"));
				await().atMost(WAIT).until(() -> this.upstream.received.contains("hello over TLS"));
			});
	}

	@Test
	void withoutTheBundleTheSameServerIsNotTrusted() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + this.upstream.url()).run((context) -> {
			ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
			await().atMost(WAIT).until(() -> feed.status().attempts() >= 2);
			assertThat(feed.state()).isEqualTo(ClientState.RECONNECTING);
			assertThat(feed.status().lastError()).containsIgnoringCase("certificat");
			assertThat(this.upstream.authorizations).as("handshakes that reached the server").isEmpty();
			assertThat(this.messages).isEmpty();
		});
	}

}
