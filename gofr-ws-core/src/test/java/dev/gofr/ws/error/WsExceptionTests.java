package dev.gofr.ws.error;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsException} and {@link WsErrorCode}.
 */
class WsExceptionTests {

	@Test
	void carriesCodeAndMessage() {
		WsException exception = new WsException(WsErrorCode.FORBIDDEN, "not a member of this room");
		assertThat(exception.code()).isEqualTo(WsErrorCode.FORBIDDEN);
		assertThat(exception).hasMessage("not a member of this room");
		assertThat(exception.operation()).isNull();
		assertThat(exception.connectionId()).isNull();
		assertThat(exception).hasNoCause();
	}

	@Test
	void carriesACause() {
		IOException cause = new IOException("boom");
		WsException exception = new WsException(WsErrorCode.INTERNAL, "failed", cause);
		assertThat(exception).hasCause(cause);
		assertThat(exception.code()).isEqualTo(WsErrorCode.INTERNAL);
		assertThat(exception.operation()).isNull();
		assertThat(exception.connectionId()).isNull();
	}

	@Test
	void carriesEveryDetail() {
		IOException cause = new IOException("boom");
		WsException exception = new WsException(WsErrorCode.INVALID_PAYLOAD, "bad", "handle", "c-1", cause);
		assertThat(exception.code()).isEqualTo(WsErrorCode.INVALID_PAYLOAD);
		assertThat(exception).hasMessage("bad").hasCause(cause);
		assertThat(exception.operation()).isEqualTo("handle");
		assertThat(exception.connectionId()).isEqualTo("c-1");
		assertThat(exception).isInstanceOf(RuntimeException.class);
	}

	@Test
	void onNamesOperationAndConnectionKeepingTheRest() {
		IOException cause = new IOException("boom");
		WsException original = new WsException(WsErrorCode.RATE_LIMITED, "too fast", cause);
		WsException located = original.on("send", "c-2");
		assertThat(located).isNotSameAs(original);
		assertThat(located.code()).isEqualTo(WsErrorCode.RATE_LIMITED);
		assertThat(located).hasMessage("too fast").hasCause(cause);
		assertThat(located.operation()).isEqualTo("send");
		assertThat(located.connectionId()).isEqualTo("c-2");
		assertThat(located.getStackTrace()).isEqualTo(original.getStackTrace());
		assertThat(original.operation()).isNull();
		assertThat(original.connectionId()).isNull();
	}

	@Test
	void onReturnsTheSameExceptionWhenAlreadyLocated() {
		WsException located = new WsException(WsErrorCode.INTERNAL, "x", "handle", "c-1", null);
		assertThat(located.on("send", "c-2")).isSameAs(located);
	}

	@Test
	void toStringNamesCodeOperationConnectionAndMessage() {
		WsException exception = new WsException(WsErrorCode.INVALID_PAYLOAD, "Invalid JSON", "handle", "c-1", null);
		assertThat(exception).hasToString("WsException: INVALID_PAYLOAD during handle on connection c-1: Invalid JSON");
	}

	@Test
	void toStringLeavesOutWhatIsNotKnown() {
		assertThat(new WsException(WsErrorCode.FORBIDDEN, "no")).hasToString("WsException: FORBIDDEN: no");
		assertThat(new WsException(WsErrorCode.FORBIDDEN, "no", "join", null, null))
			.hasToString("WsException: FORBIDDEN during join: no");
	}

	@Test
	void toStringUsesTheSubclassName() {
		class RoomException extends WsException {

			RoomException() {
				super(WsErrorCode.FORBIDDEN, "closed room");
			}

		}
		assertThat(new RoomException()).hasToString("RoomException: FORBIDDEN: closed room");
	}

	@Test
	void closeCodesFollowTheContract() {
		assertThat(WsErrorCode.CONNECTION_CLOSED.closeCode()).isEqualTo(1000);
		assertThat(WsErrorCode.INVALID_MESSAGE_TYPE.closeCode()).isEqualTo(1003);
		assertThat(WsErrorCode.INVALID_PAYLOAD.closeCode()).isEqualTo(1007);
		assertThat(WsErrorCode.UNAUTHORIZED.closeCode()).isEqualTo(1008);
		assertThat(WsErrorCode.FORBIDDEN.closeCode()).isEqualTo(1008);
		assertThat(WsErrorCode.LIMIT_EXCEEDED.closeCode()).isEqualTo(1008);
		assertThat(WsErrorCode.MESSAGE_TOO_BIG.closeCode()).isEqualTo(1009);
		assertThat(WsErrorCode.INTERNAL.closeCode()).isEqualTo(1011);
		assertThat(WsErrorCode.BROADCAST_FAILED.closeCode()).isEqualTo(1011);
		assertThat(WsErrorCode.CONNECTION_TIMEOUT.closeCode()).isEqualTo(4408);
		assertThat(WsErrorCode.RATE_LIMITED.closeCode()).isEqualTo(4429);
	}

	@Test
	void errorCodesAreThoseOfTheContract() {
		assertThat(WsErrorCode.values()).extracting(WsErrorCode::name)
			.containsExactlyInAnyOrder("CONNECTION_CLOSED", "INVALID_MESSAGE_TYPE", "BROADCAST_FAILED",
					"CONNECTION_TIMEOUT", "INVALID_PAYLOAD", "RATE_LIMITED", "LIMIT_EXCEEDED", "UNAUTHORIZED",
					"FORBIDDEN", "MESSAGE_TOO_BIG", "INTERNAL");
	}

}
