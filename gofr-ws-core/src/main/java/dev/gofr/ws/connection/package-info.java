/**
 * Connections: identity, state, metadata, information and the sends a handler uses.
 */
@NullMarked
package dev.gofr.ws.connection;

import org.jspecify.annotations.NullMarked;
