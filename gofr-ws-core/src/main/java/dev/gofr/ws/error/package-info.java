/**
 * Error codes, close codes, the exception that carries them, and the error frame sent to clients.
 */
@NullMarked
package dev.gofr.ws.error;

import org.jspecify.annotations.NullMarked;
