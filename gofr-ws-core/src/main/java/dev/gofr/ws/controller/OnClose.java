package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * The method of a {@link WsController} called once when a connection has ended, however it ended,
 * as {@link dev.gofr.ws.route.WsHandler#onClose}. Its parameters may be Spring's
 * {@code CloseStatus} (1006 when the peer vanished without a close frame), the
 * {@code WsConnection}, the {@code Principal}, and {@code @PathVariable}, {@code @RequestParam}
 * and {@code @RequestHeader} values of the handshake. It returns nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ControllerReflectiveProcessor.class)
public @interface OnClose {

}
