package dev.gofr.ws.handshake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gofr.ws.route.RoutePath;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeCapture}.
 */
class HandshakeCaptureTests {

	private final Map<String, Object> attributes = new HashMap<>();

	@Test
	void keepsThePathVariablesTheQueryAndTheAllowListedHeaders() {
		MockHttpServletRequest request = request("/app", "/app/ws/rooms/caf%C3%A9", "token=a%2Bb&v=2");
		request.addHeader("X-Tenant", "acme");
		request.addHeader("Authorization", "Bearer secret");
		assertThat(capture(new HandshakeCapture(RoutePath.of("/ws/rooms/{room}"), List.of("x-tenant")), request))
			.isTrue();
		HandshakeRequest captured = (HandshakeRequest) this.attributes.get(HandshakeCapture.ATTRIBUTE);
		assertThat(captured.pathVariables()).containsExactly(Map.entry("room", "café"));
		assertThat(captured.queryParameter("token")).isEqualTo("a+b");
		assertThat(captured.queryParameter("v")).isEqualTo("2");
		assertThat(captured.header("X-Tenant")).isEqualTo("acme");
		assertThat(captured.header("Authorization")).isNull();
	}

	@Test
	void aHandshakeThatCarriesNothingToKeepLeavesNoAttribute() {
		MockHttpServletRequest request = request("", "/ws/chat", null);
		request.addHeader("Authorization", "Bearer secret");
		assertThat(capture(new HandshakeCapture(RoutePath.of("/ws/chat"), List.of("X-Tenant")), request)).isTrue();
		assertThat(this.attributes).isEmpty();
	}

	@Test
	void theAllowListIsTrimmedAndHasEachNameOnce() {
		HandshakeCapture capture = new HandshakeCapture(RoutePath.of("/ws/chat"),
				List.of(" X-Tenant ", "x-tenant", "X-Client"));
		assertThat(capture.headerNames()).containsExactly("X-Tenant", "X-Client");
	}

	private boolean capture(HandshakeCapture capture, MockHttpServletRequest request) {
		return capture.beforeHandshake(new ServletServerHttpRequest(request),
				new ServletServerHttpResponse(new MockHttpServletResponse()), null, this.attributes);
	}

	private static MockHttpServletRequest request(String contextPath, String uri, String query) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		request.setQueryString(query);
		return request;
	}

}
