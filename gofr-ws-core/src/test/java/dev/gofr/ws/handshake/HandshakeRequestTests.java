package dev.gofr.ws.handshake;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeRequest}.
 */
class HandshakeRequestTests {

	@Test
	void aHandshakeThatCarriedNothingSharesNone() {
		assertThat(HandshakeRequest.of(Map.of(), null, Map.of())).isSameAs(HandshakeRequest.NONE);
		assertThat(HandshakeRequest.of(Map.of(), "", Map.of())).isSameAs(HandshakeRequest.NONE);
		assertThat(HandshakeRequest.of(Map.of(), null, new String[] { "X-Tenant" }, new String[] { null }))
			.isSameAs(HandshakeRequest.NONE);
		assertThat(HandshakeRequest.NONE.pathVariables()).isEmpty();
		assertThat(HandshakeRequest.NONE.queryParameter("token")).isNull();
		assertThat(HandshakeRequest.NONE.header("X-Tenant")).isNull();
	}

	@Test
	void queryValuesAreDecoded() {
		HandshakeRequest request = HandshakeRequest.of(Map.of(),
				"token=a%2Bb%3D&name=caf%C3%A9&greeting=hello+world&raw=caf\u00e9", Map.of());
		assertThat(request.queryParameter("token")).isEqualTo("a+b=");
		assertThat(request.queryParameter("name")).isEqualTo("café");
		assertThat(request.queryParameter("greeting")).isEqualTo("hello world");
		assertThat(request.queryParameter("raw")).isEqualTo("café");
		assertThat(request.queryParameter("missing")).isNull();
	}

	@Test
	void namesAreDecodedToo() {
		HandshakeRequest request = HandshakeRequest.of(Map.of(), "first%20name=Ada&a+b=c", Map.of());
		assertThat(request.queryParameter("first name")).isEqualTo("Ada");
		assertThat(request.queryParameter("a b")).isEqualTo("c");
	}

	@Test
	void theFirstValueOfARepeatedParameterWins() {
		assertThat(HandshakeRequest.of(Map.of(), "v=1&v=2", Map.of()).queryParameter("v")).isEqualTo("1");
	}

	@Test
	void aParameterWithoutValueIsEmptyAndEmptyPairsAreSkipped() {
		HandshakeRequest request = HandshakeRequest.of(Map.of(), "&flag&&empty=&x=1&", Map.of());
		assertThat(request.queryParameter("flag")).isEmpty();
		assertThat(request.queryParameter("empty")).isEmpty();
		assertThat(request.queryParameter("x")).isEqualTo("1");
		assertThat(request.queryParameter("")).isNull();
	}

	@Test
	void aValueIsSplitAtTheFirstEqualsSign() {
		assertThat(HandshakeRequest.of(Map.of(), "jwt=a.b=c", Map.of()).queryParameter("jwt")).isEqualTo("a.b=c");
	}

	@Test
	void aBrokenEscapeIsKeptAsItIs() {
		HandshakeRequest request = HandshakeRequest.of(Map.of(), "a=100%&b=%zz1&c=%4", Map.of());
		assertThat(request.queryParameter("a")).isEqualTo("100%");
		assertThat(request.queryParameter("b")).isEqualTo("%zz1");
		assertThat(request.queryParameter("c")).isEqualTo("%4");
	}

	@Test
	void headersAreFoundInAnyCase() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Tenant", "acme");
		HandshakeRequest request = HandshakeRequest.of(Map.of(), null, headers);
		assertThat(request.header("x-tenant")).isEqualTo("acme");
		assertThat(request.header("X-TENANT")).isEqualTo("acme");
		assertThat(request.header("Authorization")).isNull();
	}

	@Test
	void pathVariablesAreKeptAsGiven() {
		HandshakeRequest request = HandshakeRequest.of(Map.of("room", "lobby"), null, Map.of());
		assertThat(request.pathVariables()).containsExactly(Map.entry("room", "lobby"));
	}

	@Test
	void toStringNeverShowsAValue() {
		HandshakeRequest request = HandshakeRequest.of(Map.of("room", "lobby"), "token=secret",
				Map.of("X-Tenant", "acme"));
		assertThat(request.toString()).doesNotContain("secret", "lobby", "acme")
			.contains("room", "X-Tenant", "******");
	}

}
