package dev.gofr.ws.handshake;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The subprotocols a route speaks, in the server's order of preference, and whether a client
 * must speak one of them. The server's preference wins: a client offering {@code chat.v1, chat.v2}
 * to a route that prefers {@code chat.v2} gets {@code chat.v2}, whatever order it offered them
 * in. Names match exactly, as RFC 6455 tokens do.
 *
 * @param supported the subprotocols, most preferred first; empty when the route names none
 * @param required whether a handshake offering none of them is refused with 400
 */
public record Subprotocols(List<String> supported, boolean required) {

	/** No subprotocols: the handshake selects none and refuses no one. */
	public static final Subprotocols NONE = new Subprotocols(List.of(), false);

	public Subprotocols {
		supported = List.copyOf(supported);
		for (String subprotocol : supported) {
			Assert.hasText(subprotocol, "a subprotocol must not be empty");
			Assert.isTrue(subprotocol.chars().noneMatch((c) -> c <= ' ' || c == ',' || c >= 127),
					() -> "a subprotocol must be a token without spaces, commas, control or non-ASCII characters: '"
							+ subprotocol + "'");
		}
		Assert.isTrue(!required || !supported.isEmpty(), "a subprotocol can only be required when some are named");
	}

	/**
	 * The subprotocol to accept for what a client offered: the first of {@link #supported()} that
	 * the client offered.
	 * @param offered the values of the client's {@code Sec-WebSocket-Protocol} header, in its order
	 * @return the subprotocol, or {@code null} when the client offered none of them
	 */
	public @Nullable String select(List<String> offered) {
		for (String subprotocol : this.supported) {
			if (offered.contains(subprotocol)) {
				return subprotocol;
			}
		}
		return null;
	}

}
