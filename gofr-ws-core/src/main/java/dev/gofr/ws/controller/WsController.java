package dev.gofr.ws.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A bean that serves one route with annotated methods: {@link OnOpen}, {@link OnMessage} (chosen
 * by a field of the JSON message, {@code type} unless set otherwise), {@link OnBinary},
 * {@link OnClose} and {@link OnError}.
 *
 * <pre class="code">
 * &#64;WsController("/ws/chat/{room}")
 * class ChatController {
 *
 *     &#64;OnMessage("say")
 *     Said say(&#64;Valid Say say, &#64;PathVariable String room, Principal user) {
 *         return new Said(room, user.getName(), say.text());
 *     }
 *
 * }
 * </pre>
 *
 * A component: component scanning finds it, and it becomes a route like a
 * {@link dev.gofr.ws.route.WsRoute} bean, with the same interceptors, limits, heartbeat, metrics
 * and {@code gofr.ws.endpoints.<name>.*} settings. Its name is {@link #name()} where set, else
 * its bean name without a trailing {@code Controller} ({@code chatController} serves the route
 * {@code chat}).
 *
 * @see ControllerHandler
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsController {

	/**
	 * Alias for {@link #path()}.
	 * @return the path
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The route's path, such as {@code /ws/chat}; it may hold variables, such as
	 * {@code /ws/chat/{room}}, for {@code @PathVariable} parameters.
	 * @return the path
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * The route's name, as in {@code gofr.ws.endpoints.<name>}; by default the bean name
	 * without a trailing {@code Controller}.
	 * @return the name, or empty for the default
	 */
	String name() default "";

	/**
	 * The field of a JSON text message whose value chooses the {@link OnMessage} method, such as
	 * {@code type} in {@code {"type":"say","text":"hi"}}. Read only when the controller has
	 * several message methods.
	 * @return the field's name
	 */
	String discriminator() default "type";

}
