/**
 * Spring Security after the handshake: the security context each connection's messages run in
 * ({@link dev.gofr.ws.security.SpringConnectionSecurity}), credentials that expire
 * ({@link dev.gofr.ws.security.CredentialExpiry}) and HTTP session logins that end, and the
 * authorization of each message by route and type with Spring Security's
 * {@code AuthorizationManager} ({@link dev.gofr.ws.security.WsMessageAuthorizationManager},
 * {@link dev.gofr.ws.security.MessageAuthorizationInterceptor}). Loaded only when Spring Security
 * is on the class path.
 */
@NullMarked
package dev.gofr.ws.security;

import org.jspecify.annotations.NullMarked;
