package dev.gofr.ws.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OAuth2ClientCredentials}: a declared client with
 * {@code oauth2.client-registration-id} sends a client credentials access token with each
 * attempt, from a token endpoint this test serves, and a fresh one once it has expired.
 */
class OAuth2ClientCredentialsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String PROPERTY = "gofr.ws.clients.feed.oauth2.client-registration-id";

	private final TokenEndpoint tokens = new TokenEndpoint();

	private Upstream upstream;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class, GofrWsClientAutoConfiguration.class));

	@BeforeEach
	void start() throws IOException {
		this.tokens.start();
		this.upstream = Upstream.listening();
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.upstream.stop(5000);
		this.tokens.stop();
	}

	private ApplicationContextRunner withRegistration() {
		return this.runner.withPropertyValues("spring.security.oauth2.client.registration.prices.client-id=orders",
				"spring.security.oauth2.client.registration.prices.client-secret=s3cret",
				"spring.security.oauth2.client.registration.prices.authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.registration.prices.provider=stub",
				"spring.security.oauth2.client.provider.stub.token-uri=" + this.tokens.uri(),
				"gofr.ws.clients.feed.url=" + this.upstream.url(), "gofr.ws.clients.feed.heartbeat.enabled=false",
				"gofr.ws.clients.feed.reconnect.initial-delay=100ms", "gofr.ws.clients.feed.reconnect.max-delay=200ms",
				PROPERTY + "=prices");
	}

	@Test
	void eachAttemptCarriesTheTokenAndAReconnectAfterItExpiredCarriesANewOne() {
		this.tokens.expiresIn = 1; // within the manager's clock skew: expired as soon as it is had
		withRegistration().run((context) -> {
			assertThat(context).hasNotFailed();
			ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
			await().atMost(WAIT).until(feed::isOpen);
			assertThat(this.upstream.authorizations).containsExactly("Bearer token-1");
			this.upstream.dropAll();
			await().atMost(WAIT).until(() -> this.upstream.authorizations.size() == 2);
			assertThat(this.upstream.authorizations).containsExactly("Bearer token-1", "Bearer token-2");
			assertThat(this.tokens.requests).hasSize(2)
				.allSatisfy((request) -> assertThat(request).contains("grant_type=client_credentials"));
		});
	}

	@Test
	void aTokenThatHasNotExpiredIsSentAgainWithoutAskingForAnother() {
		this.tokens.expiresIn = 3600;
		withRegistration().run((context) -> {
			ReconnectingClient feed = context.getBean(ReconnectingClients.class).get("feed");
			await().atMost(WAIT).until(feed::isOpen);
			this.upstream.dropAll();
			await().atMost(WAIT).until(() -> this.upstream.authorizations.size() == 2);
			assertThat(this.upstream.authorizations).containsExactly("Bearer token-1", "Bearer token-1");
			assertThat(this.tokens.requests).hasSize(1);
		});
	}

	@Test
	void anUnknownRegistrationFailsAtStartupNamingTheProperty() {
		assertFailsNaming(withRegistration().withPropertyValues(PROPERTY + "=nowhere"), "No client registration");
	}

	@Test
	void aRegistrationThatActsForAUserFailsAtStartupNamingTheProperty() {
		assertFailsNaming(withRegistration().withPropertyValues(
				"spring.security.oauth2.client.registration.login.client-id=orders",
				"spring.security.oauth2.client.registration.login.authorization-grant-type=authorization_code",
				"spring.security.oauth2.client.registration.login.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
				"spring.security.oauth2.client.registration.login.provider=stub",
				"spring.security.oauth2.client.provider.stub.authorization-uri=http://127.0.0.1:1/authorize",
				PROPERTY + "=login"), "client_credentials");
	}

	@Test
	void withoutRegistrationsItFailsAtStartupNamingTheProperty() {
		assertFailsNaming(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GofrWsClientAutoConfiguration.class))
			.withPropertyValues("gofr.ws.clients.feed.url=" + this.upstream.url(), PROPERTY + "=prices"),
				"no OAuth 2.0 client registrations");
	}

	@Test
	void withoutSpringSecuritysOAuth2ClientItFailsAtStartupNamingTheProperty() {
		assertFailsNaming(withRegistration()
			.withClassLoader(new FilteredClassLoader(AuthorizedClientServiceOAuth2AuthorizedClientManager.class)),
				"spring-boot-starter-security-oauth2-client");
	}

	private static void assertFailsNaming(ApplicationContextRunner runner, String problem) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(PROPERTY)
				.hasMessageContaining(problem);
		});
	}

	/**
	 * A token endpoint: each request gets the next token, {@code token-1}, {@code token-2}...,
	 * valid for {@link #expiresIn} seconds; the form of each request is kept.
	 */
	static final class TokenEndpoint {

		final List<String> requests = new CopyOnWriteArrayList<>();

		private final AtomicInteger issued = new AtomicInteger();

		volatile int expiresIn = 60;

		private HttpServer server;

		void start() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/token", this::token);
			this.server.start();
		}

		String uri() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/token";
		}

		void stop() {
			this.server.stop(0);
		}

		private void token(HttpExchange exchange) throws IOException {
			this.requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = ("{\"access_token\":\"token-" + this.issued.incrementAndGet()
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":" + this.expiresIn + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

	}

}
