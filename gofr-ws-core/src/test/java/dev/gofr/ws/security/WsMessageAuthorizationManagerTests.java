package dev.gofr.ws.security;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.controller.Discriminator;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WsMessageAuthorizationManager} and {@link WsMessageAuthorizationContext}: rules
 * by route and type, tried in order.
 */
class WsMessageAuthorizationManagerTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private final TestNode node = new TestNode();

	private final WsMessageAuthorizationManager rules = WsMessageAuthorizationManager.builder()
		.route("chat").types("broadcast").hasRole("MODERATOR")
		.route("chat").authenticated()
		.types("ping").permitAll()
		.route("admin").hasAnyAuthority("SCOPE_admin", "ROLE_ADMIN")
		.matching((context) -> context.message().isBinary(), "binary messages").denyAll()
		.build();

	private static Authentication user(String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated("alice", "secret",
				AuthorityUtils.createAuthorityList(authorities));
	}

	private @Nullable Boolean granted(@Nullable Authentication user, String route, WsMessage message) {
		TestSocket socket = this.node.open(route);
		AuthorizationResult result = this.rules.authorize(() -> user,
				new WsMessageAuthorizationContext(socket.connection(), message));
		return (result != null) ? result.isGranted() : null;
	}

	private @Nullable Boolean granted(@Nullable Authentication user, String route, String json) {
		return granted(user, route, WsMessage.text(json, codec));
	}

	@Test
	void theFirstRuleThatMatchesDecides() {
		String broadcast = "{\"type\":\"broadcast\",\"text\":\"hi\"}";
		assertThat(granted(user("ROLE_MODERATOR"), "chat", broadcast)).isTrue();
		assertThat(granted(user("ROLE_USER"), "chat", broadcast)).isFalse(); // not the next rule's "authenticated"
		assertThat(granted(user("ROLE_USER"), "chat", "{\"type\":\"say\"}")).isTrue();
		assertThat(granted(null, "chat", "{\"type\":\"say\"}")).isFalse();
	}

	@Test
	void anonymousUsersAreNotAuthenticated() {
		Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
		assertThat(granted(anonymous, "chat", "{\"type\":\"say\"}")).isFalse();
		assertThat(granted(anonymous, "other", "{\"type\":\"ping\"}")).isTrue();
	}

	@Test
	void typesMatchOnEveryRouteAndRoutesMatchEveryType() {
		assertThat(granted(null, "other", "{\"type\":\"ping\"}")).isTrue();
		assertThat(granted(user("SCOPE_admin"), "admin", "{\"type\":\"anything\"}")).isTrue();
		assertThat(granted(user("ROLE_ADMIN"), "admin", "not even json")).isTrue();
		assertThat(granted(user("ROLE_USER"), "admin", "{\"type\":\"anything\"}")).isFalse();
	}

	@Test
	void aMessageNoRuleMatchesGetsNoDecision() {
		assertThat(granted(user("ROLE_ADMIN"), "other", "{\"type\":\"say\"}")).isNull();
		assertThat(granted(user("ROLE_ADMIN"), "other", WsMessage.binary(new byte[] { 1 }, codec))).isFalse();
	}

	@Test
	void theTypeIsTheDiscriminatorsFieldOfATextMessage() {
		TestSocket socket = this.node.open("chat");
		WsMessageAuthorizationContext typed = new WsMessageAuthorizationContext(socket.connection(),
				WsMessage.text("{\"kind\":\"join\",\"type\":\"other\"}", codec), new Discriminator("kind"));
		assertThat(typed.type()).isEqualTo("join");
		assertThat(typed.route()).isEqualTo("chat");
		assertThat(new WsMessageAuthorizationContext(socket.connection(), WsMessage.text("[1]", codec)).type()).isNull();
		assertThat(new WsMessageAuthorizationContext(socket.connection(), WsMessage.binary(new byte[0], codec)).type())
			.isNull();
	}

	@Test
	void aBuilderWithoutRulesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsMessageAuthorizationManager.builder().build())
			.withMessageContaining("at least one rule");
	}

	@Test
	void theRulesDescribeThemselves() {
		assertThat(this.rules.toString()).contains("route [chat] of type [broadcast]", "binary messages");
	}

}
