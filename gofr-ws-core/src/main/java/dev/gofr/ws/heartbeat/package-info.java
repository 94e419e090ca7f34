/**
 * Heartbeat: pings on a schedule and the reaping of connections from which nothing has been heard.
 */
@NullMarked
package dev.gofr.ws.heartbeat;

import org.jspecify.annotations.NullMarked;
