/**
 * Broadcast: one payload, encoded once, queued on every connection of an audience without
 * waiting for any of them.
 */
@NullMarked
package dev.gofr.ws.broadcast;

import org.jspecify.annotations.NullMarked;
