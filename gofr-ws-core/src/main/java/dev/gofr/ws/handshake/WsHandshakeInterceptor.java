package dev.gofr.ws.handshake;

import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A handshake interceptor for every gofr-ws route: declare beans of this type, in the order they
 * should run. They run after gofr-ws's own checks (shutdown, origin, limits, authentication),
 * before the upgrade; returning {@code false} with a status set on the response refuses the
 * handshake with that status.
 */
public interface WsHandshakeInterceptor extends HandshakeInterceptor {

}
