package dev.gofr.ws.error;

import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsErrorCode#of}: the code a failure is reported with.
 */
class WsErrorCodeTests {

	private static final UsernamePasswordAuthenticationToken ALICE = UsernamePasswordAuthenticationToken
		.authenticated("alice", "secret", AuthorityUtils.NO_AUTHORITIES);

	@Test
	void aWsExceptionKeepsItsCode() {
		assertThat(WsErrorCode.of(new WsException(WsErrorCode.RATE_LIMITED, "slow down"), ALICE))
			.isEqualTo(WsErrorCode.RATE_LIMITED);
	}

	@Test
	void anAccessDenialIsForbiddenForAnAuthenticatedUserAndUnauthorizedOtherwise() {
		assertThat(WsErrorCode.of(new AuthorizationDeniedException("Access Denied"), ALICE))
			.isEqualTo(WsErrorCode.FORBIDDEN);
		assertThat(WsErrorCode.of(new AccessDeniedException("no"), () -> "dave")).isEqualTo(WsErrorCode.FORBIDDEN);
		assertThat(WsErrorCode.of(new AccessDeniedException("no"), null)).isEqualTo(WsErrorCode.UNAUTHORIZED);
		assertThat(WsErrorCode.of(new AccessDeniedException("no"), new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
			.isEqualTo(WsErrorCode.UNAUTHORIZED);
	}

	@Test
	void anAuthenticationFailureIsUnauthorized() {
		assertThat(WsErrorCode.of(new BadCredentialsException("bad token"), ALICE)).isEqualTo(WsErrorCode.UNAUTHORIZED);
	}

	@Test
	void anythingElseIsInternal() {
		assertThat(WsErrorCode.of(new IllegalStateException("bug"), ALICE)).isEqualTo(WsErrorCode.INTERNAL);
	}

}
