/**
 * The handshake: origin check, authentication, and the principal a connection carries.
 */
@NullMarked
package dev.gofr.ws.handshake;

import org.jspecify.annotations.NullMarked;
