/**
 * History and recovery: rooms that keep their last messages, each stamped with an offset and
 * the stream's epoch, so that a client that comes back after a drop gets what it missed, in
 * order and once, or learns that it cannot.
 */
@NullMarked
package dev.gofr.ws.history;

import org.jspecify.annotations.NullMarked;
