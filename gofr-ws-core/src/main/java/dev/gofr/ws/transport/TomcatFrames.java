package dev.gofr.ws.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own asynchronous frame write, which the Jakarta WebSocket API does not expose: it takes
 * any opcode and a payload already encoded. Through it, pings and pongs go out without a thread
 * waiting on the socket, and a text frame shared by a broadcast is encoded to UTF-8 once instead
 * of once per recipient. Found by reflection on the running Tomcat; when it is not there (another
 * container, or a Tomcat whose internals changed), {@link #forSession} returns {@code null} and
 * the standard API is used.
 */
final class TomcatFrames {

	static final byte TEXT = 0x1;

	static final byte BINARY = 0x2;

	static final byte PING = 0x9;

	static final byte PONG = 0xA;

	private static final Logger logger = LoggerFactory.getLogger(TomcatFrames.class);

	private static volatile @Nullable Access access;

	private static volatile boolean unavailable;

	private final Object remote;

	private final MethodHandle startMessage;

	private TomcatFrames(Object remote, MethodHandle startMessage) {
		this.remote = remote;
		this.startMessage = startMessage;
	}

	/**
	 * The frame writer of a Tomcat session.
	 * @param session the session
	 * @return the writer, or {@code null} when the session is not Tomcat's or its internals are
	 * not as expected
	 */
	static @Nullable TomcatFrames forSession(Session session) {
		Access found = access(session.getClass());
		if (found == null) {
			return null;
		}
		try {
			Object remote = found.remoteField.get(session);
			return (remote != null) ? new TomcatFrames(remote, found.startMessage) : null;
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

	/**
	 * Start writing one frame; the handler is told when it is written.
	 * @param opcode the frame's opcode
	 * @param payload the encoded payload, not to be changed until the handler is told
	 * @param handler told once the frame is written or failed
	 */
	void write(byte opcode, ByteBuffer payload, SendHandler handler) {
		try {
			this.startMessage.invoke(this.remote, opcode, payload, true, handler);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable Access access(Class<?> sessionClass) {
		Access known = access;
		if (known != null) {
			return (known.sessionClass == sessionClass) ? known : null;
		}
		if (unavailable || !sessionClass.getName().equals("org.apache.tomcat.websocket.WsSession")) {
			return null;
		}
		try {
			Field remoteField = sessionClass.getDeclaredField("wsRemoteEndpoint");
			remoteField.setAccessible(true);
			Class<?> remoteClass = remoteField.getType();
			Method start = remoteClass.getDeclaredMethod("startMessage", byte.class, ByteBuffer.class, boolean.class,
					SendHandler.class);
			start.setAccessible(true);
			MethodHandle handle = MethodHandles.lookup()
				.unreflect(start)
				.asType(MethodType.methodType(void.class, Object.class, byte.class, ByteBuffer.class, boolean.class,
						SendHandler.class));
			Access found = new Access(sessionClass, remoteField, handle);
			access = found;
			logger.debug("Writing frames through Tomcat's asynchronous frame write");
			return found;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			unavailable = true;
			logger.info("Tomcat's asynchronous frame write is not available ({}); using the standard API", ex.toString());
			return null;
		}
	}

	private record Access(Class<?> sessionClass, Field remoteField, MethodHandle startMessage) {
	}

}
