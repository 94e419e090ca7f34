package dev.gofr.ws.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.client.ClientState;
import dev.gofr.ws.client.ReconnectSettings;
import dev.gofr.ws.client.ReconnectStrategy;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClientListener;
import dev.gofr.ws.client.ReconnectingClients;
import dev.gofr.ws.heartbeat.HeartbeatSettings;
import dev.gofr.ws.metrics.ClientMetrics;
import dev.gofr.ws.time.ManualTicker;
import dev.gofr.ws.time.Ticker;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.Compiled;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GofrWsClientAutoConfigurationTests {

	/** Nothing listens on port 1: attempts fail at once. */
	private static final String NOWHERE = "ws://127.0.0.1:1/feed";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class));

	@Test
	void noClientsByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ReconnectingClients.class)
				.doesNotHaveBean(ReconnectingClient.class)
				.hasSingleBean(ClientMetrics.class);
			assertThat(context.getBean(ReconnectingClients.class).all()).isEmpty();
		});
	}

	@Test
	void aDeclaredClientIsABeanByNameWithTheDefaults() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.withUserConfiguration(InjectsFeed.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("gofr.ws.clients.feed");
				ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
				assertThat(context.getBean(InjectsFeed.class).feed).isSameAs(feed);
				assertThat(context.getBean("gofr.ws.clients.feed")).isSameAs(feed);
				assertThat(feed.name()).isEqualTo("feed");
				assertThat(feed.url()).isEqualTo(URI.create(NOWHERE));
				assertThat(feed.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(feed.heartbeat()).isEqualTo(HeartbeatSettings.DEFAULTS);
				assertThat(feed.reconnect()).isEqualTo(ReconnectSettings.DEFAULTS);
				assertThat(feed.maxBufferedMessages()).isEqualTo(1000);
				assertThat(feed.headers()).isEmpty();
				assertThat(feed.subprotocols()).isEmpty();
				assertThat(feed.maxTextMessageSize()).isEqualTo(64 * 1024);
				assertThat(feed.maxBinaryMessageSize()).isEqualTo(64 * 1024);
				assertThat(feed.compression()).isFalse();
				assertThat(feed.isRunning()).isTrue();
			});
	}

	/**
	 * The code AOT processing writes for a declared client, compiled and run in a fresh context:
	 * the same bean, by name, type and qualifier, with its settings read when the context runs.
	 * The generated code reaches package-private classes, hence the class loader of its own.
	 */
	@Test
	@CompileWithForkedClassLoader
	void aDeclaredClientSurvivesAotProcessing() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.withUserConfiguration(InjectsFeed.class)
			.prepare((prepared) -> {
				TestGenerationContext generation = new TestGenerationContext(InjectsFeed.class);
				ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(
						(GenericApplicationContext) prepared.getSourceApplicationContext(), generation);
				generation.writeGeneratedContent();
				TestCompiler.forSystem().with(generation).compile((compiled) -> {
					try (GenericApplicationContext aot = new GenericApplicationContext()) {
						TestPropertyValues.of("gofr.ws.clients.feed.url=ws://127.0.0.1:2/prices").applyTo(aot);
						initializer(compiled, initializerName).initialize(aot);
						aot.refresh();
						ReconnectingClient feed = aot.getBean(ReconnectingClients.class).get("feed");
						assertThat(aot.getBean("gofr.ws.clients.feed")).isSameAs(feed);
						assertThat(aot.getBean(InjectsFeed.class).feed).isSameAs(feed);
						assertThat(feed.url()).isEqualTo(URI.create("ws://127.0.0.1:2/prices"));
						assertThat(feed.isRunning()).isTrue();
						aot.close();
						assertThat(feed.isRunning()).isFalse();
					}
				});
			});
	}

	@Test
	void everyPropertyReachesTheClient() {
		this.runner.withPropertyValues("gofr.ws.clients.prices.url=wss://prices.example.com/ws",
				"gofr.ws.clients.prices.headers.authorization=Bearer abc", "gofr.ws.clients.prices.subprotocols=v2,v1",
				"gofr.ws.clients.prices.connect-timeout=3s", "gofr.ws.clients.prices.heartbeat.enabled=false",
				"gofr.ws.clients.prices.heartbeat.ping-interval=5s", "gofr.ws.clients.prices.heartbeat.pong-wait=12s",
				"gofr.ws.clients.prices.reconnect.enabled=false", "gofr.ws.clients.prices.reconnect.initial-delay=250ms",
				"gofr.ws.clients.prices.reconnect.max-delay=30s", "gofr.ws.clients.prices.reconnect.multiplier=1.5",
				"gofr.ws.clients.prices.reconnect.jitter=0", "gofr.ws.clients.prices.reconnect.max-attempts=7",
				"gofr.ws.clients.prices.buffer.max-messages=50", "gofr.ws.clients.prices.max-text-message-size=1MB",
				"gofr.ws.clients.prices.max-binary-message-size=512B", "gofr.ws.clients.prices.compression.enabled=true",
				"gofr.ws.clients.feed.url=" + NOWHERE)
			.run((context) -> {
				ReconnectingClients clients = context.getBean(ReconnectingClients.class);
				assertThat(clients.all()).extracting(ReconnectingClient::name).containsExactlyInAnyOrder("prices", "feed");
				ReconnectingClient prices = clients.get("prices");
				assertThat(prices.headers()).containsEntry("authorization", "Bearer abc");
				assertThat(prices.subprotocols()).containsExactly("v2", "v1");
				assertThat(prices.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(prices.heartbeat())
					.isEqualTo(new HeartbeatSettings(false, Duration.ofSeconds(5), Duration.ofSeconds(12)));
				assertThat(prices.reconnect()).isEqualTo(
						new ReconnectSettings(false, Duration.ofMillis(250), Duration.ofSeconds(30), 1.5, 0, 7));
				assertThat(prices.maxBufferedMessages()).isEqualTo(50);
				assertThat(prices.maxTextMessageSize()).isEqualTo(1024 * 1024);
				assertThat(prices.maxBinaryMessageSize()).isEqualTo(512);
				assertThat(prices.compression()).isTrue();
			});
	}

	@Test
	void badPropertiesFailAtStartupNamingTheProperty() {
		assertFailsNaming("gofr.ws.clients.feed.url", "gofr.ws.clients.feed.connect-timeout=5s");
		assertFailsNaming("gofr.ws.clients.feed.url", "gofr.ws.clients.feed.url=http://example.com/feed");
		assertFailsNaming("gofr.ws.clients.feed.url", "gofr.ws.clients.feed.url=ws://");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.jitter", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.jitter=1.5");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.jitter", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.jitter=-0.1");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.multiplier", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.multiplier=0.5");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.max-delay", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.initial-delay=10s", "gofr.ws.clients.feed.reconnect.max-delay=5s");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.initial-delay", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.initial-delay=0s");
		assertFailsNaming("gofr.ws.clients.feed.reconnect.max-attempts", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.max-attempts=-1");
		assertFailsNaming("gofr.ws.clients.feed.connect-timeout", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.connect-timeout=0s");
		assertFailsNaming("gofr.ws.clients.feed.heartbeat.pong-wait", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.heartbeat.ping-interval=10s", "gofr.ws.clients.feed.heartbeat.pong-wait=5s");
		assertFailsNaming("gofr.ws.clients.feed.buffer.max-messages", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.buffer.max-messages=-1");
		assertFailsNaming("gofr.ws.clients.feed.headers.upgrade", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.headers.upgrade=h2c");
		assertFailsNaming("gofr.ws.clients.feed.max-text-message-size", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.max-text-message-size=0");
		assertFailsNaming("gofr.ws.clients.feed.max-binary-message-size", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.max-binary-message-size=3GB");
		assertFailsNaming("gofr.ws.clients.feed.ssl.bundle", "gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.ssl.bundle=upstream");
	}

	@Test
	void eachDeclaredClientsRetryIsInGofrWsRetryRegistryWithItsMeters() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE).run((context) -> {
			RetryRegistry registry = context.getBean(RetryRegistry.class);
			ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
			assertThat(registry.getAllRetries()).containsExactly(feed.retry());
			assertThat(feed.retry().getName()).isEqualTo("gofr-ws-client-feed");
			MeterRegistry meters = new SimpleMeterRegistry();
			context.getBean("gofrWsRetryMetrics", MeterBinder.class).bindTo(meters);
			assertThat(meters.find("resilience4j.retry.calls").tag("name", "gofr-ws-client-feed").meters()).isNotEmpty();
		});
	}

	@Test
	void theApplicationsRetryRegistryWins() {
		RetryRegistry own = RetryRegistry.ofDefaults();
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.withBean(RetryRegistry.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(RetryRegistry.class).isSameAs(own);
				assertThat(own.retry("gofr-ws-client-feed"))
					.isSameAs(context.getBean(ReconnectingClients.class).get("feed").retry());
			});
	}

	@Test
	void retryMetersAreLeftToResilience4jsOwnBindingOrAbsentWithoutIt() {
		this.runner.withBean(TaggedRetryMetricsPublisher.class, () -> new TaggedRetryMetricsPublisher(new SimpleMeterRegistry()))
			.run((context) -> assertThat(context).doesNotHaveBean("gofrWsRetryMetrics"));
		this.runner.withClassLoader(new FilteredClassLoader(TaggedRetryMetrics.class))
			.run((context) -> assertThat(context).doesNotHaveBean("gofrWsRetryMetrics").hasSingleBean(RetryRegistry.class));
	}

	private void assertFailsNaming(String property, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(property);
		});
	}

	@Test
	void customizersListenersAndAStrategyBeanApplyToDeclaredClients() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE,
				"gofr.ws.clients.feed.reconnect.initial-delay=10ms", "gofr.ws.clients.feed.reconnect.max-attempts=2")
			.withUserConfiguration(Hooks.class)
			.run((context) -> {
				Hooks hooks = context.getBean(Hooks.class);
				assertThat(hooks.customized).containsExactly("feed");
				await().atMost(Duration.ofSeconds(30)).until(() -> hooks.events.contains("gaveUp feed"));
				assertThat(hooks.events).containsExactly("reconnecting feed 2 PT0.042S", "gaveUp feed");
				assertThat(context.getBean(ReconnectingClients.class).get("feed").state())
					.isEqualTo(ClientState.GAVE_UP);
			});
	}

	@Test
	void aUserRegistryWins() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.withBean(ReconnectingClients.class, () -> new ReconnectingClients(List.of()))
			.run((context) -> assertThat(context.getBean(ReconnectingClients.class).all()).isEmpty());
	}

	@Test
	void clientsBuiltInCodeAreFoundByNameToo() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.withBean("ticker", ReconnectingClient.class,
					() -> ReconnectingClient.builder("ticker", URI.create(NOWHERE)).build())
			.run((context) -> {
				ReconnectingClients clients = context.getBean(ReconnectingClients.class);
				assertThat(clients.all()).extracting(ReconnectingClient::name).containsExactlyInAnyOrder("feed", "ticker");
				assertThat(clients.get("ticker").isRunning()).isTrue();
			});
	}

	@Test
	void metersPerClient() {
		this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ClientMetrics.class).bindTo(registry);
			assertThat(registry.get("gofr.ws.client.state").tag("client", "feed").gauge().value()).isZero();
			assertThat(registry.get("gofr.ws.client.reconnects").tag("client", "feed").functionCounter().count())
				.isZero();
			assertThat(registry.get("gofr.ws.client.send.rejected").tag("client", "feed").functionCounter().count())
				.isZero();
		});
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("gofr.ws.clients.feed.url=" + NOWHERE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ClientMetrics.class)
				.hasSingleBean(ReconnectingClient.class));
	}

	@Test
	void connectsOnStartAndClosesWithNormalClosureOnContextClose() throws Exception {
		Upstream upstream = Upstream.listening();
		List<String> messages = new CopyOnWriteArrayList<>();
		try {
			this.runner.withPropertyValues("gofr.ws.clients.feed.url=" + upstream.url())
				.withBean(ReconnectingClientCustomizer.class, () -> (name, builder) -> builder
					.onMessage((client, message) -> messages.add(message.text()))
					.onConnected((client) -> client.sendText("hello from " + client.name())))
				.run((context) -> {
					ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
					await().atMost(Duration.ofSeconds(30)).until(feed::isOpen);
					await().atMost(Duration.ofSeconds(30)).until(() -> messages.contains("welcome"));
					await().atMost(Duration.ofSeconds(30)).until(() -> upstream.received.contains("hello from feed"));
				});
			await().atMost(Duration.ofSeconds(30)).until(() -> upstream.closeCodes.contains(1000));
		}
		finally {
			upstream.stop(5000);
		}
	}

	@Test
	void aDeclaredClientMeasuresItsHeartbeatOnTheApplicationsTicker() throws Exception {
		Upstream upstream = Upstream.listening();
		ManualTicker ticker = new ManualTicker();
		try {
			this.runner
				.withPropertyValues("gofr.ws.clients.feed.url=" + upstream.url(),
						"gofr.ws.clients.feed.heartbeat.ping-interval=50ms", "gofr.ws.clients.feed.heartbeat.pong-wait=10s")
				.withBean(Ticker.class, () -> ticker)
				.run((context) -> {
					ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
					await().atMost(Duration.ofSeconds(30)).until(feed::isOpen);
					// many real ping intervals pass, but not on the application's time: no ping
					await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
						.until(() -> upstream.pings.get() == 0);
					ticker.advance(Duration.ofMillis(50));
					await().atMost(Duration.ofSeconds(10)).until(() -> upstream.pings.get() > 0);
				});
		}
		finally {
			upstream.stop(5000);
		}
	}

	@SuppressWarnings("unchecked")
	private static ApplicationContextInitializer<GenericApplicationContext> initializer(Compiled compiled,
			ClassName name) {
		return compiled.getInstance(ApplicationContextInitializer.class, name.toString());
	}

	@Configuration(proxyBeanMethods = false)
	static class InjectsFeed {

		final ReconnectingClient feed;

		InjectsFeed(@Qualifier("feed") ReconnectingClient feed) {
			this.feed = feed;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Hooks {

		final List<String> customized = new CopyOnWriteArrayList<>();

		final List<String> events = new CopyOnWriteArrayList<>();

		@Bean
		ReconnectingClientCustomizer recordingCustomizer() {
			return (name, builder) -> this.customized.add(name);
		}

		@Bean
		ReconnectStrategy fixedStrategy() {
			return (attempt, lastError) -> Duration.ofMillis(42);
		}

		@Bean
		ReconnectingClientListener recordingListener() {
			return new ReconnectingClientListener() {

				@Override
				public void reconnecting(ReconnectingClient client, int attempt, Duration delay) {
					Hooks.this.events.add("reconnecting " + client.name() + " " + attempt + " " + delay);
				}

				@Override
				public void gaveUp(ReconnectingClient client, Throwable lastError) {
					Hooks.this.events.add("gaveUp " + client.name());
				}

			};
		}

	}

}
