package dev.gofr.ws.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Subprotocols}.
 */
class SubprotocolsTests {

	private final Subprotocols chat = new Subprotocols(List.of("chat.v2", "chat.v1"), false);

	@Test
	void theServersPreferenceWinsOverTheClientsOrder() {
		assertThat(this.chat.select(List.of("chat.v1"))).isEqualTo("chat.v1");
		assertThat(this.chat.select(List.of("chat.v1", "chat.v2"))).isEqualTo("chat.v2");
		assertThat(this.chat.select(List.of("chat.v2", "chat.v1"))).isEqualTo("chat.v2");
	}

	@Test
	void noMatchSelectsNothing() {
		assertThat(this.chat.select(List.of("x"))).isNull();
		assertThat(this.chat.select(List.of())).isNull();
		assertThat(Subprotocols.NONE.select(List.of("chat.v1"))).isNull();
	}

	@Test
	void namesMatchExactly() {
		assertThat(this.chat.select(List.of("CHAT.V1"))).isNull();
	}

	@Test
	void theListIsCopied() {
		java.util.ArrayList<String> names = new java.util.ArrayList<>(List.of("a"));
		Subprotocols subprotocols = new Subprotocols(names, false);
		names.add("b");
		assertThat(subprotocols.supported()).containsExactly("a");
	}

	@Test
	void namesMustBeTokens() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Subprotocols(List.of("chat v2"), false))
			.withMessageContaining("chat v2");
		assertThatIllegalArgumentException().isThrownBy(() -> new Subprotocols(List.of("a,b"), false));
		assertThatIllegalArgumentException().isThrownBy(() -> new Subprotocols(List.of(""), false));
	}

	@Test
	void onlyNamedSubprotocolsCanBeRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Subprotocols(List.of(), true));
	}

}
