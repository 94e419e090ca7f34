package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.autoconfigure.DefaultHandshakeChain;
import dev.gofr.ws.autoconfigure.HandshakeChain;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application's {@link HandshakeChain} bean replaces gofr-ws's: here it puts a tenant check in
 * front of the default checks, which still run after it.
 */
@GofrWsTest(classes = { TestApplication.class, HandshakeChainIntegrationTests.TenantFirst.class },
		properties = "gofr.ws.allowed-origins=https://good.example")
class HandshakeChainIntegrationTests {

	WsClients clients;

	@Test
	void theApplicationsCheckRunsFirst() {
		TestApplication.REJECTED.clear();
		// no tenant and a bad origin: the tenant check refuses before the origin check is reached
		assertThat(refused(this.clients.to("echo").header("Origin", "https://evil.example")).status()).isEqualTo(401);
		assertThat(TestApplication.REJECTED).isEmpty();
	}

	@Test
	void theDefaultChecksStillRunAfterIt() {
		TestApplication.REJECTED.clear();
		assertThat(refused(this.clients.to("echo").header("X-Tenant", "acme").header("Origin", "https://evil.example"))
			.status()).isEqualTo(403);
		assertThat(TestApplication.REJECTED).containsExactly("echo:origin");
	}

	@Test
	void aClientThatPassesEveryCheckConnects() {
		try (WsTestClient client = this.clients.to("echo").header("X-Tenant", "acme")
			.header("Origin", "https://good.example")
			.connect()) {
			client.sendText("in");
			assertThat(client.awaitText()).isEqualTo("in");
		}
	}

	private HandshakeFailedException refused(WsTestClient.Builder handshake) {
		HandshakeFailedException refusal = catchThrowableOfType(HandshakeFailedException.class,
				() -> handshake.timeout(Duration.ofSeconds(5)).connect().close());
		assertThat(refusal).as("the handshake was refused").isNotNull();
		return refusal;
	}

	@Configuration(proxyBeanMethods = false)
	static class TenantFirst {

		@Bean
		HandshakeChain tenantFirst(DefaultHandshakeChain defaults) {
			return (endpoint) -> {
				List<HandshakeInterceptor> chain = new ArrayList<>(defaults.interceptorsFor(endpoint));
				chain.add(0, new TenantCheck());
				return chain;
			};
		}

	}

	static final class TenantCheck implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler handler, Map<String, Object> attributes) {
			if (request.getHeaders().getFirst("X-Tenant") == null) {
				response.setStatusCode(HttpStatus.UNAUTHORIZED);
				return false;
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

	}

}
