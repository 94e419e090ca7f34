/**
 * Micrometer Observations of handshakes and handled messages, for tracing backends and the
 * metrics Micrometer derives from them.
 */
@NullMarked
package dev.gofr.ws.observation;

import org.jspecify.annotations.NullMarked;
