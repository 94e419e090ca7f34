/**
 * The Redis transport of a cluster: Redis pub/sub through Spring Data Redis.
 */
@NullMarked
package dev.gofr.ws.cluster.redis;

import org.jspecify.annotations.NullMarked;
