package dev.gofr.ws.route;

import dev.gofr.ws.handshake.Subprotocols;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WsRoute}.
 */
class WsRouteTests {

	private final WsHandler handler = (connection, message) -> message.payload();

	@Test
	void ofHasDefaults() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		assertThat(route.path()).isEqualTo("/ws/chat");
		assertThat(route.handler()).isSameAs(this.handler);
		assertThat(route.name()).isNull();
		assertThat(route.accepts()).containsExactlyInAnyOrder(MessageType.TEXT, MessageType.BINARY);
		assertThat(route.accepts(MessageType.TEXT)).isTrue();
		assertThat(route.accepts(MessageType.BINARY)).isTrue();
		assertThat(route.errorPolicy()).isEqualTo(ErrorPolicy.REPORT);
	}

	@Test
	void subprotocolsSurviveTheOtherChanges() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler).withSubprotocols("chat.v2", "chat.v1");
		assertThat(WsRoute.of("/ws/chat", this.handler).subprotocols()).isEqualTo(Subprotocols.NONE);
		WsRoute changed = route.withName("chat")
			.withPath("/chat")
			.accepting(MessageType.TEXT)
			.withErrorPolicy(ErrorPolicy.CLOSE)
			.withInterceptors()
			.authenticated();
		assertThat(changed.subprotocols().supported()).containsExactly("chat.v2", "chat.v1");
		assertThat(changed.subprotocols().required()).isFalse();
		assertThat(route.withSubprotocols(new Subprotocols(java.util.List.of("chat.v2"), true)).subprotocols().required())
			.isTrue();
	}

	@Test
	void ofRejectsAnEmptyPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("", this.handler));
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("   ", this.handler));
	}

	@Test
	void ofRejectsARelativePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("ws/chat", this.handler))
			.withMessageContaining("ws/chat");
	}

	@Test
	void aPathTemplateIsARoutesPath() {
		WsRoute route = WsRoute.of("/ws/rooms/{room}", this.handler);
		assertThat(route.path()).isEqualTo("/ws/rooms/{room}");
		assertThat(route.routePath().match("/ws/rooms/lobby")).containsExactly(java.util.Map.entry("room", "lobby"));
		assertThat(route.withPath("/chat/{room}").routePath().hasVariables()).isTrue();
	}

	@Test
	void ofRejectsAMalformedTemplateNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("/ws/rooms/{room", this.handler))
			.withMessageContaining("/ws/rooms/{room");
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("/ws/{*rest}", this.handler))
			.withMessageContaining("/ws/{*rest}");
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		assertThatIllegalArgumentException().isThrownBy(() -> route.withPath("/ws/{a}/{a}"))
			.withMessageContaining("/ws/{a}/{a}");
	}

	@Test
	void ofRejectsAMissingHandler() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsRoute.of("/ws/chat", null));
	}

	@Test
	void withNameReturnsANewRoute() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		WsRoute named = route.withName("lobby");
		assertThat(named).isNotSameAs(route);
		assertThat(named.name()).isEqualTo("lobby");
		assertThat(named.path()).isEqualTo("/ws/chat");
		assertThat(named.handler()).isSameAs(this.handler);
		assertThat(route.name()).isNull();
	}

	@Test
	void withNameRejectsAnEmptyName() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		assertThatIllegalArgumentException().isThrownBy(() -> route.withName(""));
		assertThatIllegalArgumentException().isThrownBy(() -> route.withName(" "));
	}

	@Test
	void withPathReturnsANewRouteKeepingEverythingElse() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler)
			.withName("chat")
			.accepting(MessageType.TEXT)
			.withErrorPolicy(ErrorPolicy.CLOSE);
		WsRoute moved = route.withPath("/chat/v2");
		assertThat(moved.path()).isEqualTo("/chat/v2");
		assertThat(moved.name()).isEqualTo("chat");
		assertThat(moved.handler()).isSameAs(this.handler);
		assertThat(moved.accepts()).containsExactly(MessageType.TEXT);
		assertThat(moved.errorPolicy()).isEqualTo(ErrorPolicy.CLOSE);
		assertThat(route.path()).isEqualTo("/ws/chat");
	}

	@Test
	void withPathRejectsAnInvalidPath() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		assertThatIllegalArgumentException().isThrownBy(() -> route.withPath("chat"));
		assertThatIllegalArgumentException().isThrownBy(() -> route.withPath(""));
		assertThat(route.path()).isEqualTo("/ws/chat");
	}

	@Test
	void acceptingReturnsANewRoute() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		WsRoute textOnly = route.accepting(MessageType.TEXT);
		assertThat(textOnly.accepts()).containsExactly(MessageType.TEXT);
		assertThat(textOnly.accepts(MessageType.TEXT)).isTrue();
		assertThat(textOnly.accepts(MessageType.BINARY)).isFalse();
		assertThat(route.accepts(MessageType.BINARY)).isTrue();
		assertThat(route.accepting(MessageType.BINARY, MessageType.TEXT).accepts())
			.containsExactlyInAnyOrder(MessageType.TEXT, MessageType.BINARY);
	}

	@Test
	void acceptsCannotBeChangedFromOutside() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler).accepting(MessageType.TEXT);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> route.accepts().add(MessageType.BINARY));
		assertThat(route.accepts(MessageType.BINARY)).isFalse();
	}

	@Test
	void withErrorPolicyReturnsANewRoute() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		WsRoute closing = route.withErrorPolicy(ErrorPolicy.CLOSE);
		assertThat(closing.errorPolicy()).isEqualTo(ErrorPolicy.CLOSE);
		assertThat(route.errorPolicy()).isEqualTo(ErrorPolicy.REPORT);
	}

	@Test
	void nameFromBeanRemovesAHandlerSuffix() {
		assertThat(WsRoute.nameFromBean("chatHandler")).isEqualTo("chat");
		assertThat(WsRoute.nameFromBean("echoWebSocketHandler")).isEqualTo("echo");
		assertThat(WsRoute.nameFromBean("chatWsHandler")).isEqualTo("chat");
	}

	@Test
	void nameFromBeanRemovesAControllerSuffix() {
		assertThat(WsRoute.nameFromBean("chatController")).isEqualTo("chat");
		assertThat(WsRoute.nameFromBean("chatWsController")).isEqualTo("chat");
		assertThat(WsRoute.nameFromBean("app.PriceFeedController")).isEqualTo("priceFeed");
	}

	@Test
	void acceptingASetMayAcceptNothing() {
		WsRoute route = WsRoute.of("/ws/push", this.handler);
		assertThat(route.accepting(java.util.Set.of()).accepts()).isEmpty();
		assertThat(route.accepting(java.util.Set.of(MessageType.BINARY)).accepts()).containsExactly(MessageType.BINARY);
	}

	@Test
	void nameFromBeanKeepsANameThatIsOnlyTheSuffix() {
		assertThat(WsRoute.nameFromBean("Handler")).isEqualTo("Handler");
		assertThat(WsRoute.nameFromBean("WsHandler")).isEqualTo("Ws");
	}

	@Test
	void nameFromBeanKeepsANameWithoutSuffix() {
		assertThat(WsRoute.nameFromBean("notifications")).isEqualTo("notifications");
		assertThat(WsRoute.nameFromBean("handlerOfChat")).isEqualTo("handlerOfChat");
	}

	@Test
	void nameFromBeanDropsTheQualifierOfANestedOrFullyQualifiedBeanName() {
		assertThat(WsRoute.nameFromBean("app.ChatHandler")).isEqualTo("chat");
		assertThat(WsRoute.nameFromBean("com.example.ChatHandler")).isEqualTo("chat");
		assertThat(WsRoute.nameFromBean("com.example.App$PriceFeedWsHandler")).isEqualTo("priceFeed");
		assertThat(WsRoute.nameFromBean("app.")).isEqualTo("app.");
	}

	@Test
	void aRouteIsNamedByItsOwnNameThenHandlerBeanThenRouteBeanThenPath() {
		WsRoute route = WsRoute.of("/ws/live", (connection, message) -> null);
		assertThat(route.withName("given").resolveName("chatHandler", "feedRoute")).isEqualTo("given");
		assertThat(route.resolveName("chatHandler", "feedRoute")).isEqualTo("chat");
		assertThat(route.resolveName(null, "feedRoute")).isEqualTo("feed");
		assertThat(route.resolveName(null, "app.FeedRoute")).isEqualTo("feed");
		assertThat(route.resolveName(null, "dev.gofr.ws.autoconfigure.SomeRoute")).isEqualTo("live");
		assertThat(route.resolveName(null, null)).isEqualTo("live");
	}

	@Test
	void nameFromPathTakesTheLastSegment() {
		assertThat(WsRoute.nameFromPath("/ws/chat")).isEqualTo("chat");
		assertThat(WsRoute.nameFromPath("/echo")).isEqualTo("echo");
		assertThat(WsRoute.nameFromPath("/ws/chat/")).isEqualTo("chat");
	}

	@Test
	void nameFromPathSkipsSegmentsWithoutNameCharacters() {
		assertThat(WsRoute.nameFromPath("/ws/**")).isEqualTo("ws");
		assertThat(WsRoute.nameFromPath("/ws/{room}")).isEqualTo("room");
		assertThat(WsRoute.nameFromPath("/live-feed_v2")).isEqualTo("live-feed_v2");
	}

	@Test
	void nameFromPathOfTheRootIsRoot() {
		assertThat(WsRoute.nameFromPath("/")).isEqualTo("root");
		assertThat(WsRoute.nameFromPath("//")).isEqualTo("root");
	}

	@Test
	void toStringNamesNameAndPath() {
		WsRoute route = WsRoute.of("/ws/chat", this.handler);
		assertThat(route).hasToString("WsRoute[/ws/chat]");
		assertThat(route.withName("chat")).hasToString("WsRoute[chat /ws/chat]");
	}

}
