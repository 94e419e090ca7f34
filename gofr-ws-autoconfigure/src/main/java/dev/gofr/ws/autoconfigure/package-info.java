/**
 * Spring Boot auto-configuration for gofr-ws: the {@code gofr.ws} properties, routes mapped to
 * their paths, and the lifecycle of a node's connections.
 */
@NullMarked
package dev.gofr.ws.autoconfigure;

import org.jspecify.annotations.NullMarked;
