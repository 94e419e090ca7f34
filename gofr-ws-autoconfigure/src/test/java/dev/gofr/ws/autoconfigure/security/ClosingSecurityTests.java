package dev.gofr.ws.autoconfigure.security;

import java.time.Duration;
import java.time.Instant;

import dev.gofr.ws.server.ConnectionSweeper;
import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource server of {@link JwtSecurityTests} in real time, with
 * {@code gofr.ws.security.on-access-denied=close}: a denied message, by the rules or by method
 * security, closes the connection with 1008; a token that expires in 2 seconds closes its
 * connection with 1008 at the sweeper's first tick after its {@code exp}.
 */
@GofrWsTest(classes = JwtApplication.class, properties = "gofr.ws.security.on-access-denied=close")
@EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")
class ClosingSecurityTests {

	/** Room for a slow machine between the sweep that closes and the client seeing it. */
	private static final Duration SLACK = Duration.ofMillis(1500);

	WsClients clients;

	private WsTestClient connect(String route, Tokens.Token token) {
		return this.clients.to(route).header("Authorization", token.bearer()).connect();
	}

	@Test
	void aMessageTypeTheUserMayNotSendClosesWith1008() {
		WsTestClient alice = connect("chat", Tokens.issue("alice", Duration.ofMinutes(5)));
		alice.sendText("{\"type\":\"say\"}");
		assertThat(alice.awaitText()).isEqualTo("said by alice");
		alice.sendText("{\"type\":\"broadcast\"}");
		Frame.Close close = alice.awaitClose();
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("Access denied");
	}

	@Test
	void aDenialOfMethodSecurityClosesWith1008() {
		WsTestClient bob = connect("secure", Tokens.issue("bob", Duration.ofMinutes(5)));
		bob.sendText("{\"op\":\"admin\"}");
		assertThat(bob.awaitClose().code()).isEqualTo(1008);
	}

	@Test
	void aTokenExpiringIn2SecondsClosesWith1008WithinTheSweepTickAfterItsExp() {
		Tokens.Token token = Tokens.issue("alice", Duration.ofSeconds(2));
		WsTestClient alice = connect("chat", token);
		Frame.Close close = alice.awaitClose(Duration.between(Instant.now(), token.expiresAt())
			.plus(ConnectionSweeper.DEFAULT_TICK)
			.plus(SLACK)
			.plusSeconds(5));
		Instant closedAt = Instant.now();
		assertThat(close.code()).isEqualTo(1008);
		assertThat(close.reason()).isEqualTo("Credentials expired");
		assertThat(closedAt).isAfterOrEqualTo(token.expiresAt().minusMillis(100))
			.isBefore(token.expiresAt().plus(ConnectionSweeper.DEFAULT_TICK).plus(SLACK));
	}

}
