/**
 * The same routes written with plain Spring WebFlux on Reactor Netty, the way a Spring user would
 * without gofr-ws: the alternative transport the heartbeat's CPU budget is measured against.
 */
@NullMarked
package dev.gofr.ws.bench.netty;

import org.jspecify.annotations.NullMarked;
