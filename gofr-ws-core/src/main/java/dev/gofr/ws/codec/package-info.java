/**
 * Turning objects into JSON text frames and JSON text back into objects.
 */
@NullMarked
package dev.gofr.ws.codec;

import org.jspecify.annotations.NullMarked;
