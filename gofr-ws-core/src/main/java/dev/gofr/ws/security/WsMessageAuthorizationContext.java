package dev.gofr.ws.security;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.Discriminator;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code AuthorizationManager<WsMessageAuthorizationContext>} decides about: one message,
 * the connection it came on, the route's name and the message's type, as Spring Security's
 * {@code RequestAuthorizationContext} is for an HTTP request. The type is the value of the
 * route's discriminator field of a JSON text message ({@code "broadcast"} of
 * {@code {"type":"broadcast","text":"hi"}}): the field an annotated controller's
 * {@code @WsController(discriminator = ...)} names, {@code type} on other routes. It is read when
 * first asked for, by a scan of the text that stops at the field. Made for one message, on the
 * thread that handles it.
 */
public final class WsMessageAuthorizationContext {

	private final WsConnection connection;

	private final WsMessage message;

	private final Discriminator discriminator;

	private @Nullable String type;

	private boolean typeRead;

	/**
	 * The context of a message, whose type is its {@code type} field.
	 * @param connection the connection it came on
	 * @param message the message
	 */
	public WsMessageAuthorizationContext(WsConnection connection, WsMessage message) {
		this(connection, message, new Discriminator(Discriminator.DEFAULT_FIELD));
	}

	/**
	 * The context of a message, whose type is read by the given discriminator.
	 * @param connection the connection it came on
	 * @param message the message
	 * @param discriminator what reads its type
	 */
	public WsMessageAuthorizationContext(WsConnection connection, WsMessage message, Discriminator discriminator) {
		this.connection = connection;
		this.message = message;
		this.discriminator = discriminator;
	}

	/**
	 * The connection the message came on, with its principal and its handshake.
	 * @return the connection
	 */
	public WsConnection connection() {
		return this.connection;
	}

	/**
	 * The message.
	 * @return the message
	 */
	public WsMessage message() {
		return this.message;
	}

	/**
	 * The name of the route the message came on, as in {@code gofr.ws.endpoints.<name>}.
	 * @return the route's name
	 */
	public String route() {
		return this.connection.endpoint();
	}

	/**
	 * The message's type: the string value of the route's discriminator field.
	 * @return the type, or {@code null} for a binary message, text that is not a JSON object, or
	 * an object without that field
	 */
	public @Nullable String type() {
		if (!this.typeRead) {
			this.type = this.message.isText() ? this.discriminator.read(this.message.text()) : null;
			this.typeRead = true;
		}
		return this.type;
	}

	@Override
	public String toString() {
		return "WsMessageAuthorizationContext[route=" + route() + ", type=" + type() + "]";
	}

}
