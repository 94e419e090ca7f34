/**
 * What a room's history costs: the heap an in-memory history holds per kept message.
 */
@NullMarked
package dev.gofr.ws.bench.history;

import org.jspecify.annotations.NullMarked;
