/**
 * Clustering: broadcasts that reach every node, the messages nodes exchange, and the view of the
 * live nodes. Room membership stays on each node; only messages travel.
 */
@NullMarked
package dev.gofr.ws.cluster;

import org.jspecify.annotations.NullMarked;
