/**
 * The Redis transport of a cluster: Redis pub/sub through Spring Data Redis, with the rooms'
 * channels as shard channels through Lettuce on a Redis Cluster.
 */
@NullMarked
package dev.gofr.ws.cluster.redis;

import org.jspecify.annotations.NullMarked;
