package dev.gofr.ws.autoconfigure.actuate;

import java.util.Map;
import java.util.Set;

import dev.gofr.ws.client.ClientState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * Tests for {@link WebSocketClientsHealthIndicator}, over real clients in each state.
 */
class WebSocketClientsHealthIndicatorTests {

	private final ClientsInEachState clients;

	WebSocketClientsHealthIndicatorTests() throws Exception {
		this.clients = new ClientsInEachState();
	}

	@AfterEach
	void close() throws Exception {
		this.clients.close();
	}

	private Health health(String... required) {
		return new WebSocketClientsHealthIndicator(this.clients::clients, Set.of(required)).health(true);
	}

	@Test
	void downWhileARequiredClientIsStillConnecting() {
		this.clients.in(ClientState.CONNECTING, "prices");
		Health health = health("prices");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("prices",
				Map.of("state", "CONNECTING", "required", true, "attempts", 1));
	}

	@Test
	void upWhileARequiredClientIsOpen() {
		this.clients.in(ClientState.OPEN, "prices");
		Health health = health("prices");
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("prices", Map.of("state", "OPEN", "required", true, "attempts", 1));
	}

	@Test
	void downOnceAnyClientGaveUp() {
		this.clients.in(ClientState.OPEN, "prices");
		this.clients.in(ClientState.GAVE_UP, "audit");
		Health health = health("prices");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsOnlyKeys("audit", "prices");
		assertThat(health.getDetails().get("audit")).asInstanceOf(MAP)
			.containsEntry("state", "GAVE_UP")
			.containsEntry("required", false)
			.containsKey("lastError");
	}

	@Test
	void upWhileAClientTheApplicationCanDoWithoutIsReconnecting() {
		this.clients.in(ClientState.OPEN, "prices");
		this.clients.in(ClientState.RECONNECTING, "audit");
		this.clients.in(ClientState.CLOSED, "spare");
		Health health = health("prices");
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().get("audit")).asInstanceOf(MAP)
			.containsEntry("state", "RECONNECTING")
			.containsEntry("required", false)
			.containsKey("lastError");
		assertThat(health.getDetails().get("spare")).isEqualTo(Map.of("state", "CLOSED", "required", false, "attempts", 0));
	}

	@Test
	void downWhileARequiredClientIsReconnecting() {
		this.clients.in(ClientState.RECONNECTING, "prices");
		assertThat(health("prices").getStatus()).isEqualTo(Status.DOWN);
	}

}
