/**
 * The registry of live connections, by id and by route.
 */
@NullMarked
package dev.gofr.ws.registry;

import org.jspecify.annotations.NullMarked;
