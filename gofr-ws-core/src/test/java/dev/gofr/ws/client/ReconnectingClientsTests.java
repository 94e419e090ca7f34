package dev.gofr.ws.client;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectingClientsTests {

	private static ReconnectingClient client(String name) {
		return ReconnectingClient.builder(name, URI.create("ws://127.0.0.1:1/" + name)).build();
	}

	@Test
	void findsClientsByName() {
		ReconnectingClient feed = client("feed");
		ReconnectingClients clients = new ReconnectingClients(List.of(feed, client("prices")));
		assertThat(clients.get("feed")).isSameAs(feed);
		assertThat(clients.find("nope")).isEmpty();
		assertThat(clients.all()).extracting(ReconnectingClient::name).containsExactly("feed", "prices");
		assertThatIllegalArgumentException().isThrownBy(() -> clients.get("nope"))
			.withMessageContaining("'nope'")
			.withMessageContaining("[feed, prices]");
	}

	@Test
	void refusesTwoClientsOfTheSameName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectingClients(List.of(client("feed"), client("feed"))))
			.withMessageContaining("'feed'");
	}

}
