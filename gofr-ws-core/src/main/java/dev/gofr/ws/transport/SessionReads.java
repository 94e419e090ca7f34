package dev.gofr.ws.transport;

/**
 * The reading of one container session's frames, which gofr-ws pauses while the connection's
 * handler, on an executor, catches up: on Tomcat, {@code WsSession.suspend()} and
 * {@code resume()}; on Jetty, the session's demand, held back by {@link JettyHandlerAdapter}.
 * Other containers cannot pause: {@link FrameWriters#reads} finds nothing for them.
 */
public interface SessionReads {

	/**
	 * Deliver no frame after the one being delivered until {@link #resume()}. Called on the
	 * thread delivering that frame; a resume follows each pause, never before it.
	 */
	void pause();

	/**
	 * Deliver frames again; from any thread.
	 */
	void resume();

}
