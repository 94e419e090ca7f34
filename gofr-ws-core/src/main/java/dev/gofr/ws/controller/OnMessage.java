package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * A method of a {@link WsController} that answers text messages. With values, it answers the JSON
 * messages whose {@link WsController#discriminator() discriminator} field holds one of them
 * ({@code @OnMessage("say")} answers {@code {"type":"say",...}}); without, it is the controller's
 * only message method and answers every text message.
 * <p>
 * One parameter may be the payload: the message bound to a record or class by the application's
 * JSON mapper (validated when annotated {@code @Valid}), or the text itself as a {@code String}.
 * The others may be the {@code WsConnection}, the {@code WsMessage}, the {@code Principal}, and
 * {@code @PathVariable}, {@code @RequestParam} and {@code @RequestHeader} values of the
 * handshake. A value it returns is the reply, as a {@link dev.gofr.ws.route.WsHandler}'s is: text
 * for a {@code String}, binary for {@code byte[]} and {@code ByteBuffer}, JSON text otherwise,
 * none for {@code void} or {@code null}, and, for a {@code CompletionStage}, its value once it
 * completes, in the order of the messages.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ControllerReflectiveProcessor.class)
public @interface OnMessage {

	/**
	 * The values of the discriminator field that this method answers.
	 * @return the values; empty for the controller's only message method
	 */
	String[] value() default {};

}
