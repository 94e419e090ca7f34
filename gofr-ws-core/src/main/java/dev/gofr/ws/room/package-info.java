/**
 * Rooms: named groups of connections that exist while they have members.
 */
@NullMarked
package dev.gofr.ws.room;

import org.jspecify.annotations.NullMarked;
