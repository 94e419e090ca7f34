package dev.gofr.ws.handshake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SubprotocolCheck}.
 */
class SubprotocolCheckTests {

	private final List<String> rejections = new ArrayList<>();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void aHandshakeOfferingOneOfTheRequiredSubprotocolsPasses() {
		assertThat(check(true, "chat.v1")).isTrue();
		assertThat(check(true, "x, chat.v2")).isTrue();
		assertThat(this.rejections).isEmpty();
	}

	@Test
	void aHandshakeOfferingNoneIsRefusedWith400() {
		assertThat(check(true, "x")).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(400);
		assertThat(check(true, null)).isFalse();
		assertThat(this.rejections).containsExactly("chat:subprotocol", "chat:subprotocol");
	}

	@Test
	void subprotocolsThatAreNotRequiredRefuseNoOne() {
		assertThat(check(false, "x")).isTrue();
		assertThat(check(false, null)).isTrue();
		assertThat(this.rejections).isEmpty();
	}

	private boolean check(boolean required, String offered) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/chat");
		if (offered != null) {
			request.addHeader("Sec-WebSocket-Protocol", offered);
		}
		SubprotocolCheck check = new SubprotocolCheck(new Subprotocols(List.of("chat.v2", "chat.v1"), required),
				(endpoint, reason) -> this.rejections.add(endpoint + ":" + reason), (handler) -> "chat");
		return check.beforeHandshake(new ServletServerHttpRequest(request), new ServletServerHttpResponse(this.response),
				new TextWebSocketHandler(), new HashMap<>());
	}

}
