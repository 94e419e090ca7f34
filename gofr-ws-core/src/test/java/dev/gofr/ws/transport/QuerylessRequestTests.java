package dev.gofr.ws.transport;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuerylessRequest}.
 */
class QuerylessRequestTests {

	@Test
	void theQueryAndItsParametersAreGoneAndThePathAndHeadersStay() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/rooms/lobby");
		request.setQueryString("token=secret&v=2");
		request.addParameter("token", "secret");
		request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		QuerylessRequest queryless = new QuerylessRequest(request);

		assertThat(queryless.getQueryString()).isNull();
		assertThat(queryless.getParameter("token")).isNull();
		assertThat(queryless.getParameterValues("token")).isNull();
		assertThat(queryless.getParameterMap()).isEmpty();
		assertThat(Collections.list(queryless.getParameterNames())).isEmpty();
		assertThat(queryless.getRequestURI()).isEqualTo("/ws/rooms/lobby");
		assertThat(queryless.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(new ServletServerHttpRequest(queryless).getURI()).hasPath("/ws/rooms/lobby").hasNoQuery();
	}

}
