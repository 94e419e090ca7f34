/**
 * Testing utilities for gofr-ws applications: {@link dev.gofr.ws.test.GofrWsTest} and
 * {@link dev.gofr.ws.test.WsClients} for tests against the running application,
 * {@link dev.gofr.ws.test.WsTestClient}, a WebSocket client with bounded waits that records every
 * frame it receives, {@link dev.gofr.ws.test.InMemoryServer} and its
 * {@link dev.gofr.ws.test.InMemoryRoute}s to run a handler and its interceptors without a socket,
 * and {@link dev.gofr.ws.test.WsAssertions}, AssertJ assertions for messages, JSON paths and close
 * statuses.
 */
@NullMarked
package dev.gofr.ws.test;

import org.jspecify.annotations.NullMarked;
