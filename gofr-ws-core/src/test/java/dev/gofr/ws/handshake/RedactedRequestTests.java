package dev.gofr.ws.handshake;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedactedRequest}.
 */
class RedactedRequestTests {

	@Test
	void theQueryAndTheCredentialHeadersAreGoneAndTheRestStays() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/rooms/lobby");
		request.setQueryString("token=secret&v=2");
		request.addParameter("token", "secret");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		request.addHeader("Authorization", "Bearer secret");
		request.addHeader("proxy-authorization", "Basic secret");
		request.addHeader("Cookie", "SESSION=secret");
		RedactedRequest redacted = new RedactedRequest(request);

		assertThat(redacted.getQueryString()).isNull();
		assertThat(redacted.getParameter("token")).isNull();
		assertThat(redacted.getParameterValues("token")).isNull();
		assertThat(redacted.getParameterMap()).isEmpty();
		assertThat(Collections.list(redacted.getParameterNames())).isEmpty();
		assertThat(redacted.getHeader("authorization")).isNull();
		assertThat(redacted.getHeaders("Cookie").hasMoreElements()).isFalse();
		assertThat(Collections.list(redacted.getHeaderNames())).containsExactly("Sec-WebSocket-Key");
		assertThat(redacted.getRequestURI()).isEqualTo("/ws/rooms/lobby");
		assertThat(redacted.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void aServletsRequestIsRedactedAsSpringSeesIt() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/rooms/lobby");
		request.setQueryString("token=secret");
		request.addHeader("Authorization", "Bearer secret");
		ServerHttpRequest redacted = RedactedRequest.of(new ServletServerHttpRequest(request));
		assertThat(redacted.getURI()).hasPath("/ws/rooms/lobby").hasNoQuery();
		assertThat(redacted.getHeaders().toString()).doesNotContain("secret");
	}

	@Test
	void eachCredentialAloneIsRedacted() {
		for (String header : new String[] { "Authorization", "Proxy-Authorization", "Cookie" }) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/chat");
			request.addHeader(header, "secret");
			ServerHttpRequest redacted = RedactedRequest.of(new ServletServerHttpRequest(request));
			assertThat(redacted.getHeaders().toString()).as(header).doesNotContain("secret");
		}
	}

	@Test
	void aRequestWithNothingToRedactGoesOnAsItIs() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/chat");
		request.addHeader("Origin", "https://example.com");
		ServerHttpRequest plain = new ServletServerHttpRequest(request);
		assertThat(RedactedRequest.of(plain)).isSameAs(plain);
	}

}
