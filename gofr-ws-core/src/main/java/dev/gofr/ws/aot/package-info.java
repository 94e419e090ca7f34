/**
 * Ahead-of-time processing: what gofr-ws reads by reflection at run time, declared as runtime
 * hints so that a native image keeps it.
 */
@NullMarked
package dev.gofr.ws.aot;

import org.jspecify.annotations.NullMarked;
