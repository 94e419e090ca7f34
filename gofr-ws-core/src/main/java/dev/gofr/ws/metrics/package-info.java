/**
 * Micrometer meters for connections, messages, heartbeats and broadcasts.
 */
@NullMarked
package dev.gofr.ws.metrics;

import org.jspecify.annotations.NullMarked;
