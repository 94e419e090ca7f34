/**
 * The seam to the servlet container: asynchronous frame writes on Tomcat (Jakarta WebSocket), Jetty, or any other container.
 */
@NullMarked
package dev.gofr.ws.transport;

import org.jspecify.annotations.NullMarked;
