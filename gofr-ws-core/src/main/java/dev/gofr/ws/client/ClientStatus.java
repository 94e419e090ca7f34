package dev.gofr.ws.client;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a {@link ReconnectingClient}, as an operator sees it.
 *
 * @param name the client name, as in {@code gofr.ws.clients.<name>}
 * @param url the server's {@code ws://} or {@code wss://} address
 * @param state the state
 * @param attempts connection attempts made since the last one that succeeded began (so, while
 * open, the attempts it took to connect)
 * @param connectedAt when the current connection opened, or {@code null} when not open
 * @param lastError the last failure or drop, or {@code null} when there was none
 * @param reconnects times the client connected again after a drop
 * @param buffered sends waiting to be written
 * @param rejected sends refused because the buffer was full
 * @param retryAfterWaits waits before an attempt that the server set with {@code Retry-After}
 * when it refused the one before
 * @param oversizedMessages incoming messages larger than the client's limits, each of which
 * closed its connection with 1009
 */
public record ClientStatus(String name, URI url, ClientState state, int attempts, @Nullable Instant connectedAt,
		@Nullable String lastError, long reconnects, int buffered, long rejected, long retryAfterWaits,
		long oversizedMessages) {
}
