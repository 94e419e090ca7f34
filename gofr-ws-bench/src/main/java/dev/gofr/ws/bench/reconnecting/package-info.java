/**
 * The reconnecting client's own cost: {@code ReconnectingClient}s of gofr-ws-core in this JVM
 * echoing small messages through a server in another process, with this process's CPU time,
 * system calls, allocation, garbage collection and compiling read around each measured window.
 */
@NullMarked
package dev.gofr.ws.bench.reconnecting;

import org.jspecify.annotations.NullMarked;
