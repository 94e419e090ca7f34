/**
 * Connection limits per node, per endpoint and per address, the accept throttle, and per-connection message rates.
 */
@NullMarked
package dev.gofr.ws.limit;

import org.jspecify.annotations.NullMarked;
