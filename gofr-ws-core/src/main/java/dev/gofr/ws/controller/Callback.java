package dev.gofr.ws.controller;

import java.lang.annotation.Annotation;

/**
 * The kinds of controller method, each with what its parameters may be.
 */
enum Callback {

	OPEN(OnOpen.class, "the WsConnection, the Principal"),

	MESSAGE(OnMessage.class,
			"one payload (a record, a class or the text as a String), the WsConnection, the WsMessage, the Principal"),

	BINARY(OnBinary.class, "one payload (a byte[] or a ByteBuffer), the WsConnection, the WsMessage, the Principal"),

	CLOSE(OnClose.class, "the CloseStatus, the WsConnection, the Principal"),

	ERROR(OnError.class, "the exception, the WsConnection, the WsMessage, the Principal");

	private final Class<? extends Annotation> annotation;

	private final String takes;

	Callback(Class<? extends Annotation> annotation, String takes) {
		this.annotation = annotation;
		this.takes = takes;
	}

	/**
	 * The annotation that marks such a method.
	 * @return the annotation type
	 */
	Class<? extends Annotation> annotation() {
		return this.annotation;
	}

	/**
	 * Whether such a method is called for a message, so can take the {@code WsMessage}.
	 * @return {@code true} for message and error methods
	 */
	boolean hasMessage() {
		return this == MESSAGE || this == BINARY || this == ERROR;
	}

	/**
	 * What such a method's parameters may be, for startup errors.
	 * @return the list, in words
	 */
	String takes() {
		return this.takes + ", and values of the handshake annotated @PathVariable, @RequestParam or @RequestHeader";
	}

	@Override
	public String toString() {
		return "@" + this.annotation.getSimpleName();
	}

}
