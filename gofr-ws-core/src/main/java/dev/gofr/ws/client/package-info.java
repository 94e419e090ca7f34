/**
 * The reconnecting client: a WebSocket client on the JDK's {@code java.net.http} that connects
 * to a server, reconnects with backoff (Resilience4j Retry) whenever the connection fails or
 * drops, keeps a client-side heartbeat, and buffers sends while disconnected.
 */
@NullMarked
package dev.gofr.ws.client;

import org.jspecify.annotations.NullMarked;
