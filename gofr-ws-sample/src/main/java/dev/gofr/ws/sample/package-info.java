/**
 * The gofr-ws sample application.
 */
@NullMarked
package dev.gofr.ws.sample;

import org.jspecify.annotations.NullMarked;
