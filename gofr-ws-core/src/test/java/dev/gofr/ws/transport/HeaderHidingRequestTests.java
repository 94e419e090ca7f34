package dev.gofr.ws.transport;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeaderHidingRequest}.
 */
class HeaderHidingRequestTests {

	@Test
	void theExtensionOfferIsGoneAndEveryOtherHeaderStays() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/echo");
		request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		request.addHeader("Origin", "https://example.com");
		HeaderHidingRequest extensionless = new HeaderHidingRequest(request, HeaderHidingRequest.EXTENSIONS);

		assertThat(extensionless.getHeader("sec-websocket-extensions")).isNull();
		assertThat(extensionless.getHeaders("Sec-WebSocket-Extensions").hasMoreElements()).isFalse();
		assertThat(Collections.list(extensionless.getHeaderNames())).containsExactly("Sec-WebSocket-Key", "Origin");
		assertThat(extensionless.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

}
