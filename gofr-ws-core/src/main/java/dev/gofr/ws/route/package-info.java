/**
 * Routes: a path, a name and the handler that answers the messages arriving on it.
 */
@NullMarked
package dev.gofr.ws.route;

import org.jspecify.annotations.NullMarked;
