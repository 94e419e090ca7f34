package dev.gofr.ws.limit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.gofr.ws.time.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Enforces {@link ConnectionLimits} at the handshake, before the upgrade: 503 with
 * {@code Retry-After} when the node (or route) is full or the throttle's bucket is empty, 429
 * when one address has too many connections. One limiter serves the whole node, and one more
 * serves each route with limits of its own.
 * <p>
 * Counts are exact: a handshake takes a {@link Permit} that is given back exactly once, when the
 * connection ends, when the handshake fails after it was taken, or when an upgrade never turns
 * into a connection. The address is the one the container reports, so it follows Spring Boot's
 * {@code server.forward-headers-strategy} behind a proxy.
 */
public final class ConnectionLimiter implements HandshakeInterceptor {

	/** The handshake attribute holding the permits a connection took. */
	public static final String PERMITS_ATTRIBUTE = ConnectionLimiter.class.getName() + ".permits";

	private static final Logger logger = LoggerFactory.getLogger(ConnectionLimiter.class);

	private static final long UPGRADE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final String scope;

	private final ConnectionLimits limits;

	private final BiConsumer<String, String> rejections;

	private final Function<WebSocketHandler, String> routeNames;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

	private final Ticker ticker;

	/** When the throttle's bucket is full again: see {@link #acceptNow()}. */
	private final AtomicLong throttleFullAtNanos;

	private final Map<Permit, Long> upgrading = new ConcurrentHashMap<>();

	private final Map<String, Boolean> reasonsLogged = new ConcurrentHashMap<>();

	/**
	 * Create a limiter.
	 * @param scope what it limits, for logs: {@code node} or a route's name
	 * @param limits the limits
	 * @param rejections told of every refusal, with the route's name and the reason
	 * @param routeNames names the route of a handshake's handler
	 */
	public ConnectionLimiter(String scope, ConnectionLimits limits, BiConsumer<String, String> rejections,
			Function<WebSocketHandler, String> routeNames) {
		this(scope, limits, rejections, routeNames, Ticker.system());
	}

	/**
	 * Create a limiter that measures the throttle, and how long an upgrade may take to become a
	 * connection, on the given ticker.
	 * @param scope what it limits, for logs: {@code node} or a route's name
	 * @param limits the limits
	 * @param rejections told of every refusal, with the route's name and the reason
	 * @param routeNames names the route of a handshake's handler
	 * @param ticker the time: {@link Ticker#system()}, or a {@link dev.gofr.ws.time.ManualTicker} in tests
	 */
	public ConnectionLimiter(String scope, ConnectionLimits limits, BiConsumer<String, String> rejections,
			Function<WebSocketHandler, String> routeNames, Ticker ticker) {
		this.scope = scope;
		this.limits = limits;
		this.rejections = rejections;
		this.routeNames = routeNames;
		this.ticker = ticker;
		this.throttleFullAtNanos = new AtomicLong(ticker.nanos());
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		expireUpgrades();
		String endpoint = this.routeNames.apply(wsHandler);
		if (this.limits.maxConnections() > 0 && !increment(this.open, this.limits.maxConnections())) {
			return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, 5, endpoint, "max-connections");
		}
		String address = address(request);
		@Nullable AtomicInteger fromAddress = null;
		if (this.limits.maxConnectionsPerIp() > 0) {
			fromAddress = takeFrom(address);
			if (fromAddress == null) {
				decrement(this.open, this.limits.maxConnections() > 0);
				return refuse(response, HttpStatus.TOO_MANY_REQUESTS, 0, endpoint, "max-connections-per-ip");
			}
		}
		if (!this.limits.throttle().isZero()) {
			long wait = acceptNow();
			if (wait > 0) {
				decrement(this.open, this.limits.maxConnections() > 0);
				if (fromAddress != null) {
					giveBackTo(address, fromAddress);
				}
				return refuse(response, HttpStatus.SERVICE_UNAVAILABLE,
						(int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L)), endpoint, "throttled");
			}
		}
		if (this.limits.maxConnections() > 0 || fromAddress != null) {
			Permit permit = new Permit(this, address, fromAddress);
			this.upgrading.put(permit, this.ticker.nanos());
			List<Permit> permits = permits(attributes);
			permits.add(permit);
			if (request instanceof ServletServerHttpRequest servlet) {
				servlet.getServletRequest().setAttribute(PERMITS_ATTRIBUTE, permits);
			}
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			@Nullable Exception exception) {
		if ((exception != null || !upgraded(response)) && request instanceof ServletServerHttpRequest servlet) {
			// refused or failed after this limiter let it through: no connection will give the permit back
			Object permits = servlet.getServletRequest().getAttribute(PERMITS_ATTRIBUTE);
			if (permits instanceof List<?> list) {
				for (Object permit : list) {
					if (permit instanceof Permit own && own.limiter == this) {
						own.release();
					}
				}
			}
		}
	}

	/**
	 * The connection of a handshake is open: its permits now last until it ends.
	 * @param attributes the handshake attributes
	 */
	public static void connected(Map<String, Object> attributes) {
		for (Permit permit : permitsIn(attributes)) {
			permit.limiter.upgrading.remove(permit);
		}
	}

	/**
	 * Give back every permit a handshake or connection took; safe to call more than once.
	 * @param attributes the handshake attributes
	 */
	public static void release(Map<String, Object> attributes) {
		for (Permit permit : permitsIn(attributes)) {
			permit.release();
		}
	}

	/**
	 * The open connections this limiter counts.
	 * @return the count
	 */
	public int openConnections() {
		return this.open.get();
	}

	/**
	 * The open connections from one address.
	 * @param address the address, as the container reports it
	 * @return the count
	 */
	public int openConnections(String address) {
		AtomicInteger count = this.perAddress.get(address);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * The limits.
	 * @return the limits
	 */
	public ConnectionLimits limits() {
		return this.limits;
	}

	private boolean refuse(ServerHttpResponse response, HttpStatus status, int retryAfterSeconds, String endpoint,
			String reason) {
		response.setStatusCode(status);
		if (retryAfterSeconds > 0) {
			response.getHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
		}
		if (this.reasonsLogged.putIfAbsent(reason, Boolean.TRUE) == null) {
			logger.info("Refusing WebSocket handshakes on endpoint '{}': {} ({} limit {}); further refusals are counted,"
					+ " not logged", endpoint, reason, this.scope, this.limits);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refused a WebSocket handshake on endpoint '{}': {}", endpoint, reason);
		}
		this.rejections.accept(endpoint, reason);
		return false;
	}

	/**
	 * Take a handshake from the throttle's bucket, or say how long until it holds one again, in
	 * nanoseconds. The bucket is kept as one instant (a generic cell rate algorithm): the time at
	 * which it would be full again. A handshake is admitted while that time is at most
	 * {@code burst - 1} intervals ahead of now, and moves it one interval on.
	 */
	private long acceptNow() {
		long interval = this.limits.throttle().toNanos();
		long burstSpan = span(interval, this.limits.throttleBurst() - 1);
		for (;;) {
			long now = this.ticker.nanos();
			long full = this.throttleFullAtNanos.get();
			long from = (full - now > 0) ? full : now;
			long wait = from - burstSpan - now;
			if (wait > 0) {
				return wait;
			}
			if (this.throttleFullAtNanos.compareAndSet(full, from + interval)) {
				return 0;
			}
		}
	}

	/** {@code interval * count}, at most a year, so that it adds to a tick without overflowing. */
	private static long span(long interval, long count) {
		long year = TimeUnit.DAYS.toNanos(365);
		return (count > 0 && interval > year / count) ? year : interval * count;
	}

	private void expireUpgrades() {
		if (this.upgrading.isEmpty()) {
			return;
		}
		long now = this.ticker.nanos();
		this.upgrading.forEach((permit, since) -> {
			if (now - since > UPGRADE_GRACE_NANOS) {
				permit.release(); // upgraded, but no connection ever came of it
			}
		});
	}

	private void giveBack(Permit permit) {
		this.upgrading.remove(permit);
		decrement(this.open, this.limits.maxConnections() > 0);
		if (permit.fromAddress != null) {
			giveBackTo(permit.address, permit.fromAddress);
		}
	}

	/**
	 * Count one more connection from an address, unless it has reached its limit. The check and
	 * the increment happen in one atomic {@code compute} on the address, as does the decrement
	 * that drops an idle count in {@link #giveBackTo}: a handshake can never count itself on a
	 * count that already left the map, where neither the limit nor later handshakes would see it.
	 * @return the address's count, now including this connection, or {@code null} when refused
	 */
	private @Nullable AtomicInteger takeFrom(String address) {
		int max = this.limits.maxConnectionsPerIp();
		@Nullable AtomicInteger[] taken = new AtomicInteger[1];
		this.perAddress.compute(address, (key, current) -> {
			AtomicInteger count = (current != null) ? current : new AtomicInteger();
			if (count.get() < max) {
				count.incrementAndGet();
				taken[0] = count;
			}
			return (count.get() > 0) ? count : null;
		});
		return taken[0];
	}

	/**
	 * Count one connection less on the count it was taken from, and forget the address when
	 * none is left, atomically with respect to {@link #takeFrom}.
	 */
	private void giveBackTo(String address, AtomicInteger taken) {
		this.perAddress.compute(address, (key, current) -> {
			int left = taken.decrementAndGet();
			// a count holding a connection is never dropped, so current is the one taken from
			return (current == taken && left <= 0) ? null : current;
		});
	}

	private static boolean increment(AtomicInteger count, int max) {
		for (;;) {
			int current = count.get();
			if (current >= max) {
				return false;
			}
			if (count.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	private static void decrement(AtomicInteger count, boolean counted) {
		if (counted) {
			count.decrementAndGet();
		}
	}

	private static boolean upgraded(ServerHttpResponse response) {
		if (response instanceof ServletServerHttpResponse servlet) {
			return servlet.getServletResponse().getStatus() == 101;
		}
		return true;
	}

	private static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

	@SuppressWarnings("unchecked")
	private static List<Permit> permits(Map<String, Object> attributes) {
		return (List<Permit>) attributes.computeIfAbsent(PERMITS_ATTRIBUTE, (key) -> new ArrayList<Permit>(2));
	}

	@SuppressWarnings("unchecked")
	private static List<Permit> permitsIn(Map<String, Object> attributes) {
		Object permits = attributes.get(PERMITS_ATTRIBUTE);
		return (permits instanceof List<?> list) ? (List<Permit>) list : List.of();
	}

	@Override
	public String toString() {
		return "ConnectionLimiter[" + this.scope + " " + this.limits + "]";
	}

	/**
	 * One connection's share of a limiter, given back exactly once.
	 */
	static final class Permit {

		final ConnectionLimiter limiter;

		final String address;

		/** The count of connections from the address this one was counted in, if limited. */
		final @Nullable AtomicInteger fromAddress;

		private final AtomicBoolean released = new AtomicBoolean();

		Permit(ConnectionLimiter limiter, String address, @Nullable AtomicInteger fromAddress) {
			this.limiter = limiter;
			this.address = address;
			this.fromAddress = fromAddress;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				this.limiter.giveBack(this);
			}
		}

	}

}
