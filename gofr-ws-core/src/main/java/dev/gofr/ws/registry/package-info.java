/**
 * The registry of live connections, by id and by endpoint.
 */
@NullMarked
package dev.gofr.ws.registry;

import org.jspecify.annotations.NullMarked;
