package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * The method of a {@link WsController} called once when a connection is open and registered,
 * before its first message, as {@link dev.gofr.ws.route.WsHandler#onOpen}. Its parameters may be
 * the {@code WsConnection}, the {@code Principal}, and {@code @PathVariable},
 * {@code @RequestParam} and {@code @RequestHeader} values of the handshake. A value it returns is
 * sent as the connection's first message; an exception it throws goes to the {@link OnError}
 * methods, and without one that handles it, closes the connection with 1011.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ControllerReflectiveProcessor.class)
public @interface OnOpen {

}
