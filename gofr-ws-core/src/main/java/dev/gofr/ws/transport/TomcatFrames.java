package dev.gofr.ws.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

	/** Tomcat's internal opcode that writes what its output buffer holds. */
	static final byte FLUSH = 0x18;

	/** The largest header of a frame a server sends: 2 bytes, then 8 of length; no mask. */
	static final int MAX_HEADER = 10;

	/** The system property that sizes Tomcat's output buffer, read where its own value cannot be. */
	private static final String BUFFER_SIZE_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	private static final Logger logger = LoggerFactory.getLogger(TomcatFrames.class);

	private static volatile @Nullable Access access;

	private static volatile boolean unavailable;

	private final Object remote;

	private final MethodHandle startMessage;

	private final Semaphore writing;

	private final AtomicBoolean batchingAllowed;

	private final AtomicReference<?> sessionState;

	private final Object open;

	private final int bufferBytes;

	private TomcatFrames(Object remote, MethodHandle startMessage, Semaphore writing, AtomicBoolean batchingAllowed,
			AtomicReference<?> sessionState, Object open, int bufferBytes) {
		this.bufferBytes = bufferBytes;
		this.remote = remote;
		this.startMessage = startMessage;
		this.writing = writing;
		this.batchingAllowed = batchingAllowed;
		this.sessionState = sessionState;
		this.open = open;
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
			if (remote == null) {
				return null;
			}
			return new TomcatFrames(remote, found.startMessage, (Semaphore) found.writingField.get(remote),
					(AtomicBoolean) found.batchingField.get(remote), (AtomicReference<?>) found.stateField.get(session),
					found.open, found.bufferBytes);
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

	/**
	 * Whether a frame fits in Tomcat's output buffer, where frames are gathered. One that does not
	 * would leave through the buffer a buffer's worth at a time, one write each (a 4 KB frame,
	 * four writes with 1 KB buffers), where by itself it leaves in one write with its header.
	 * @param payloadBytes the frame's payload
	 * @return {@code true} when it fits, with its header
	 */
	boolean fitsInBuffer(int payloadBytes) {
		return payloadBytes <= this.bufferBytes - MAX_HEADER;
	}

	/**
	 * Let Tomcat gather the next frames in its output buffer, unless Tomcat has begun to close the
	 * session. Tomcat switches gathering off before it writes its close frame, then waits for the
	 * write in progress; gathering switched back on after that would hold the close frame in a
	 * buffer that is never flushed. So it is switched on only while holding Tomcat's write lock,
	 * with nothing of Tomcat's under way, and only while the session is still open: a close that
	 * begins later switches it off again itself, and flushes.
	 * @return {@code true} when frames are now gathered; {@code false} when Tomcat is writing or
	 * closing, and frames go out one by one
	 */
	boolean startBatch() {
		if (!this.writing.tryAcquire()) {
			return false;
		}
		try {
			this.batchingAllowed.set(true); // the buffer is empty: gathering was off
			if (this.sessionState.get() == this.open) {
				return true;
			}
			this.batchingAllowed.set(false); // closing began: its close frame must not be gathered
			return false;
		}
		finally {
			this.writing.release();
		}
	}

	/**
	 * Make closing the socket reset the connection (a TCP RST, dropping what the peer has not
	 * read) or close it in order, as usual.
	 * @param reset whether to reset
	 * @return whether the socket took the setting; {@code false} when it is closed already or
	 * cannot be reached
	 */
	boolean resetOnClose(boolean reset) {
		try {
			Object wrapper = field(this.remote.getClass(), "socketWrapper", Object.class).get(this.remote);
			Object socket = (wrapper != null) ? wrapper.getClass().getMethod("getSocket").invoke(wrapper) : null;
			Object channel = (socket != null) ? socket.getClass().getMethod("getIOChannel").invoke(socket) : null;
			if (!(channel instanceof NetworkChannel network)) {
				return false;
			}
			network.setOption(StandardSocketOptions.SO_LINGER, reset ? 0 : -1);
			return true;
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			logger.trace("Could not set the socket's close to {}", reset ? "reset" : "orderly", ex);
			return false;
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
			Field writingField = field(remoteClass, "messagePartInProgress", Semaphore.class);
			Field batchingField = field(remoteClass, "batchingAllowed", AtomicBoolean.class);
			Field stateField = field(sessionClass, "state", AtomicReference.class);
			Class<?> stateClass = Class.forName(sessionClass.getName() + "$State", false, sessionClass.getClassLoader());
			Object open = null;
			for (Object constant : stateClass.getEnumConstants()) {
				if (((Enum<?>) constant).name().equals("OPEN")) {
					open = constant;
				}
			}
			if (open == null) {
				throw new NoSuchFieldException(stateClass.getName() + ".OPEN");
			}
			Access found = new Access(sessionClass, remoteField, handle, writingField, batchingField, stateField, open,
					bufferBytes(sessionClass.getClassLoader()));
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

	/**
	 * The size of Tomcat's per-connection output buffer: its own constant, read once, or the
	 * system property it was read from where the constant cannot be reached.
	 */
	static int bufferBytes(ClassLoader classLoader) {
		try {
			Field size = Class.forName("org.apache.tomcat.websocket.Constants", true, classLoader)
				.getDeclaredField("DEFAULT_BUFFER_SIZE");
			size.setAccessible(true);
			return size.getInt(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return Integer.getInteger(BUFFER_SIZE_PROPERTY, 8192);
		}
	}

	/** A field declared by the class or one of its superclasses, of the type expected. */
	static Field field(Class<?> type, String name, Class<?> fieldType) throws NoSuchFieldException {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (field.getName().equals(name)) {
					if (!fieldType.isAssignableFrom(field.getType())) {
						throw new NoSuchFieldException(name + " of " + current.getName() + " is a " + field.getType());
					}
					field.setAccessible(true);
					return field;
				}
			}
		}
		throw new NoSuchFieldException(name + " in " + type.getName());
	}

	private record Access(Class<?> sessionClass, Field remoteField, MethodHandle startMessage, Field writingField,
			Field batchingField, Field stateField, Object open, int bufferBytes) {
	}

}
