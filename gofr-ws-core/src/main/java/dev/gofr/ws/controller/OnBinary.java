package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * The method of a {@link WsController} that answers binary messages. Its payload parameter, if
 * any, is a {@code byte[]} (a copy) or a read-only {@code ByteBuffer}; its other parameters and its
 * return value are those of an {@link OnMessage} method. A controller without one does not accept
 * binary messages: they close the connection with 1003, as on a route
 * {@link dev.gofr.ws.route.WsRoute#accepting accepting} only text.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ControllerReflectiveProcessor.class)
public @interface OnBinary {

}
