/**
 * Sending: frames encoded once, the bounded per-connection queue that never blocks a sender on a
 * slow peer, and the {@link dev.gofr.ws.send.FrameWriter} through which the queue reaches the
 * socket.
 */
@NullMarked
package dev.gofr.ws.send;

import org.jspecify.annotations.NullMarked;
