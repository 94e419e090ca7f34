package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * A method of a {@link WsController} that handles what its {@link OnOpen}, {@link OnMessage} and
 * {@link OnBinary} methods throw (binding and validation failures included), or the failure a
 * returned {@code CompletionStage} completes with. Of the methods whose exception types match, the
 * one with the most specific type is called.
 * <p>
 * Its parameters may be the exception, the {@code WsConnection}, the {@code WsMessage} (
 * {@code null} for a failure in {@link OnOpen}), the {@code Principal}, and {@code @PathVariable},
 * {@code @RequestParam} and {@code @RequestHeader} values of the handshake. What it returns is
 * sent: a {@link dev.gofr.ws.error.WsException} as the route's error frame (or close, with the
 * route's {@link dev.gofr.ws.route.ErrorPolicy}), as if the method had thrown it; any other value
 * as a reply; nothing for {@code void} or {@code null}, the failure being handled. A failure no
 * method matches gets the route's error handling, as a {@link dev.gofr.ws.route.WsHandler}'s.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ControllerReflectiveProcessor.class)
public @interface OnError {

	/**
	 * The exceptions this method handles; by default the type of its exception parameter, or
	 * every exception without one.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

}
