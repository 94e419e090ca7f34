package dev.gofr.ws.route;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RoutePath}.
 */
class RoutePathTests {

	@Test
	void aLiteralPathMatchesItselfWithoutVariables() {
		RoutePath path = RoutePath.of("/ws/chat");
		assertThat(path.hasVariables()).isFalse();
		assertThat(path.match("/ws/chat")).isEmpty();
		assertThat(path.match("/ws/chat/more")).isNull();
		assertThat(path.match("/ws/other")).isNull();
	}

	@Test
	void aVariableMatchesOneSegmentDecoded() {
		RoutePath path = RoutePath.of("/ws/rooms/{room}");
		assertThat(path.hasVariables()).isTrue();
		assertThat(path.match("/ws/rooms/lobby")).isEqualTo(Map.of("room", "lobby"));
		assertThat(path.match("/ws/rooms/caf%C3%A9")).isEqualTo(Map.of("room", "café"));
		assertThat(path.match("/ws/rooms/a%2Fb")).isEqualTo(Map.of("room", "a/b"));
	}

	@Test
	void aVariableNeverMatchesAcrossASlash() {
		RoutePath path = RoutePath.of("/ws/rooms/{room}");
		assertThat(path.match("/ws/rooms/a/b")).isNull();
		assertThat(path.match("/ws/rooms/")).isNull();
		assertThat(path.match("/ws/rooms")).isNull();
	}

	@Test
	void severalVariablesAndARegularExpression() {
		RoutePath path = RoutePath.of("/ws/{tenant}/rooms/{id:\\d+}");
		assertThat(path.match("/ws/acme/rooms/42")).isEqualTo(Map.of("tenant", "acme", "id", "42"));
		assertThat(path.match("/ws/acme/rooms/lobby")).isNull();
	}

	@Test
	void aVariableThatWouldMatchTheRestOfThePathIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.of("/ws/files/{*rest}"))
			.withMessageContaining("/ws/files/{*rest}")
			.withMessageContaining("{*rest}");
	}

	@Test
	void aMalformedTemplateIsRefusedNamingThePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.of("/ws/rooms/{room"))
			.withMessageStartingWith("path /ws/rooms/{room is not a valid path template");
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.of("/ws/{a}/{a}"))
			.withMessageContaining("/ws/{a}/{a}");
	}

	@Test
	void aPathMustStartWithASlash() {
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.of("ws/{room}"))
			.withMessage("path must start with '/': ws/{room}");
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePath.of(" "));
	}

	@Test
	void equalWhenWrittenAlike() {
		assertThat(RoutePath.of("/ws/{room}")).isEqualTo(RoutePath.of("/ws/{room}"))
			.hasSameHashCodeAs(RoutePath.of("/ws/{room}"))
			.isNotEqualTo(RoutePath.of("/ws/{id}"))
			.hasToString("/ws/{room}");
	}

}
