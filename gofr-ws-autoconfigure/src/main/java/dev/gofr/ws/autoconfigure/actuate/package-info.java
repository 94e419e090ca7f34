/**
 * The Actuator side of gofr-ws: the {@code websocket} endpoint and the {@code websocket} health
 * contributor.
 */
@NullMarked
package dev.gofr.ws.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
