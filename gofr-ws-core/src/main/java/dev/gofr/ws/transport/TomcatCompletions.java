package dev.gofr.ws.transport;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import dev.gofr.ws.send.WriteCompletions;
import jakarta.websocket.Session;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.util.threads.ResizableExecutor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's connector executor, wrapped so that a write completion submitted by a thread inside a
 * {@linkplain WriteCompletions write scope} runs on that thread instead of being handed to a
 * request thread. Tomcat completes an asynchronous WebSocket write that finished on the calling
 * thread by submitting the completion to its executor (to keep a completion that starts the next
 * write from recursing); for a fan-out, that hand-off costs more than the write. Every other task
 * goes to Tomcat's executor as before, and the executor's thread counts stay visible (it is a
 * {@link ResizableExecutor}).
 * <p>
 * Installed on a connector the first time one of its WebSocket sessions opens, found by
 * reflection; when Tomcat's internals are not as expected, nothing is installed and completions
 * go to the request threads as before. {@link #uninstallAll()} puts Tomcat's executor back.
 */
final class TomcatCompletions implements ResizableExecutor {

	private static final Logger logger = LoggerFactory.getLogger(TomcatCompletions.class);

	private static final String ON_RESULT = "org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer$OnResultRunnable";

	private static final List<TomcatCompletions> installed = new ArrayList<>();

	private static volatile @Nullable Access access;

	private static volatile boolean unavailable;

	/** The endpoint installed on last, to make the check for a new session cheap. */
	private static volatile @Nullable AbstractEndpoint<?, ?> lastEndpoint;

	private final Executor tomcat;

	private final AbstractEndpoint<?, ?> endpoint;

	private final Class<?> onResult;

	private TomcatCompletions(Executor tomcat, AbstractEndpoint<?, ?> endpoint, Class<?> onResult) {
		this.tomcat = tomcat;
		this.endpoint = endpoint;
		this.onResult = onResult;
	}

	/**
	 * Install on the connector of a session, unless it is installed there already.
	 * @param session a Tomcat WebSocket session
	 */
	static void install(Session session) {
		Access found = access(session);
		if (found == null) {
			return;
		}
		AbstractEndpoint<?, ?> endpoint;
		try {
			Object remote = found.remote.get(session);
			SocketWrapperBase<?> wrapper = (remote != null && remote.getClass() == found.remoteClass)
					? (SocketWrapperBase<?>) found.socketWrapper.get(remote) : null;
			endpoint = (wrapper != null) ? (AbstractEndpoint<?, ?>) found.endpoint.get(wrapper) : null;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return;
		}
		if (endpoint == null || endpoint == lastEndpoint) {
			return;
		}
		synchronized (installed) {
			Executor executor = endpoint.getExecutor();
			if (executor != null && !(executor instanceof TomcatCompletions) && endpoint.isRunning()) {
				TomcatCompletions completions = new TomcatCompletions(executor, endpoint, found.onResult);
				endpoint.setExecutor(completions);
				installed.add(completions);
				logger.debug("Write completions of gofr-ws's writer threads stay on those threads ({})", endpoint.getName());
			}
			lastEndpoint = endpoint;
		}
	}

	/**
	 * Put Tomcat's executors back: on a connector still running, for Tomcat to manage again; on
	 * one that stopped (and so skipped shutting down an executor it no longer held), shut down.
	 */
	static void uninstallAll() {
		synchronized (installed) {
			for (TomcatCompletions completions : installed) {
				completions.uninstall();
			}
			installed.clear();
			lastEndpoint = null;
		}
	}

	private void uninstall() {
		if (this.endpoint.getExecutor() != this) {
			return;
		}
		if (this.endpoint.isRunning()) {
			this.endpoint.setExecutor(this.tomcat);
			Access found = access;
			if (found != null) {
				try {
					found.internalExecutor.setBoolean(this.endpoint, true); // Tomcat's own again: it shuts it down
				}
				catch (IllegalAccessException | RuntimeException ex) {
					// left to the JVM's exit: its threads are daemons
				}
			}
			return;
		}
		this.endpoint.setExecutor(null); // a restarted connector creates a new one
		if (this.tomcat instanceof ExecutorService service) {
			service.shutdownNow();
		}
	}

	@Override
	public void execute(Runnable command) {
		if (command.getClass() == this.onResult && WriteCompletions.defer(command)) {
			return;
		}
		this.tomcat.execute(command);
	}

	@Override
	public int getPoolSize() {
		if (this.tomcat instanceof ThreadPoolExecutor pool) {
			return pool.getPoolSize();
		}
		return (this.tomcat instanceof ResizableExecutor resizable) ? resizable.getPoolSize() : -1;
	}

	@Override
	public int getMaxThreads() {
		if (this.tomcat instanceof ThreadPoolExecutor pool) {
			return pool.getMaximumPoolSize();
		}
		return (this.tomcat instanceof ResizableExecutor resizable) ? resizable.getMaxThreads() : -1;
	}

	@Override
	public int getActiveCount() {
		if (this.tomcat instanceof ThreadPoolExecutor pool) {
			return pool.getActiveCount();
		}
		return (this.tomcat instanceof ResizableExecutor resizable) ? resizable.getActiveCount() : -1;
	}

	@Override
	public boolean resizePool(int corePoolSize, int maximumPoolSize) {
		if (this.tomcat instanceof ThreadPoolExecutor pool) {
			pool.setCorePoolSize(corePoolSize);
			pool.setMaximumPoolSize(maximumPoolSize);
			return true;
		}
		return (this.tomcat instanceof ResizableExecutor resizable) && resizable.resizePool(corePoolSize, maximumPoolSize);
	}

	@Override
	public boolean resizeQueue(int capacity) {
		return (this.tomcat instanceof ResizableExecutor resizable) && resizable.resizeQueue(capacity);
	}

	private static @Nullable Access access(Session session) {
		Access known = access;
		if (known != null) {
			return (known.sessionClass == session.getClass()) ? known : null;
		}
		if (unavailable || !session.getClass().getName().equals("org.apache.tomcat.websocket.WsSession")) {
			return null;
		}
		try {
			Class<?> sessionClass = session.getClass();
			Field remote = TomcatFrames.field(sessionClass, "wsRemoteEndpoint", Object.class);
			Object remoteEndpoint = remote.get(session);
			if (remoteEndpoint == null) {
				return null; // not yet known: tried again with the next session
			}
			Class<?> remoteClass = remoteEndpoint.getClass(); // the server's, declared as a common base
			Field socketWrapper = TomcatFrames.field(remoteClass, "socketWrapper", SocketWrapperBase.class);
			Field endpoint = TomcatFrames.field(SocketWrapperBase.class, "endpoint", AbstractEndpoint.class);
			Field internalExecutor = TomcatFrames.field(AbstractEndpoint.class, "internalExecutor", boolean.class);
			Class<?> onResult = Class.forName(ON_RESULT, false, sessionClass.getClassLoader());
			Access found = new Access(sessionClass, remote, remoteClass, socketWrapper, endpoint, internalExecutor,
					onResult);
			access = found;
			return found;
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			unavailable = true;
			logger.info("Tomcat's write completions cannot be kept on gofr-ws's writer threads ({}); "
					+ "they go to Tomcat's request threads", ex.toString());
			return null;
		}
	}

	private record Access(Class<?> sessionClass, Field remote, Class<?> remoteClass, Field socketWrapper,
			Field endpoint, Field internalExecutor, Class<?> onResult) {
	}

}
