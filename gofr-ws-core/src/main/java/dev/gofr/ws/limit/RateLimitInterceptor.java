package dev.gofr.ws.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.CloseCodes;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.interceptor.MessageChain;
import dev.gofr.ws.interceptor.MessageInterceptor;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.time.Ticker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how fast each connection may send, with one Resilience4j {@link RateLimiter} per
 * connection: {@code burst} permits, refilled every {@code burst / rate} seconds. A message over
 * the limit is dropped with a {@code RATE_LIMITED} error frame, or closes the connection with 4429,
 * as the {@link RateLimit} says. Each connection's first excess is logged at INFO; later ones are
 * not logged (rejections reach {@code ConnectionListener.error} through the error frame).
 */
public final class RateLimitInterceptor implements MessageInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(RateLimitInterceptor.class);

	private final RateLimit limit;

	private final RateLimiterConfig config;

	/** The time the limiters refill on, boxed as Resilience4j reads it (as it does its own clock). */
	private final Supplier<Long> nanoTime;

	private final Map<String, Limited> limiters = new ConcurrentHashMap<>();

	/**
	 * Create the interceptor.
	 * @param limit the limit; must be {@link RateLimit#isLimited() limited}
	 */
	public RateLimitInterceptor(RateLimit limit) {
		this(limit, Ticker.system());
	}

	/**
	 * Create the interceptor, refilling on the given ticker.
	 * @param limit the limit; must be {@link RateLimit#isLimited() limited}
	 * @param ticker the time: {@link Ticker#system()}, or a {@link dev.gofr.ws.time.ManualTicker} in tests
	 */
	public RateLimitInterceptor(RateLimit limit, Ticker ticker) {
		if (!limit.isLimited()) {
			throw new IllegalArgumentException("No rate to limit to: " + limit);
		}
		this.limit = limit;
		this.nanoTime = ticker::nanos;
		this.config = RateLimiterConfig.custom()
			.limitForPeriod(limit.burst())
			.limitRefreshPeriod(Duration.ofNanos((long) (limit.burst() * 1_000_000_000L / limit.rate())))
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	/**
	 * A rate limit of {@code rate} messages per second, with bursts of as many.
	 * @param rate messages per second
	 * @return the interceptor
	 */
	public static RateLimitInterceptor perSecond(int rate) {
		return new RateLimitInterceptor(new RateLimit(rate, rate, RateLimit.Action.REJECT));
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		Limited limited = this.limiters.get(connection.id());
		if (limited == null) { // the capturing lambda is built once per connection, not per message
			limited = this.limiters.computeIfAbsent(connection.id(),
					(id) -> new Limited(new AtomicRateLimiter(id, this.config, this.nanoTime)));
		}
		if (limited.limiter.acquirePermission()) {
			return chain.proceed(connection, message);
		}
		if (!limited.logged) {
			limited.logged = true;
			logger.info("Connection {} of endpoint '{}' sends faster than {} messages/s; {}", connection.id(),
					connection.endpoint(), this.limit.rate(),
					(this.limit.onExceeded() == RateLimit.Action.CLOSE) ? "closing it with 4429"
							: "rejecting the excess (not logged again for this connection)");
		}
		if (this.limit.onExceeded() == RateLimit.Action.CLOSE) {
			connection.close(CloseCodes.RATE_LIMITED, "Message rate exceeded");
		}
		else {
			connection.sendError(WsErrorCode.RATE_LIMITED,
					"More than " + formatRate() + " messages per second; message dropped");
		}
		return null;
	}

	private String formatRate() {
		double rate = this.limit.rate();
		return (rate == Math.rint(rate)) ? String.valueOf((long) rate) : String.valueOf(rate);
	}

	@Override
	public void closed(WsConnection connection) {
		this.limiters.remove(connection.id());
	}

	/**
	 * The limit.
	 * @return the limit
	 */
	public RateLimit limit() {
		return this.limit;
	}

	private static final class Limited {

		final RateLimiter limiter;

		volatile boolean logged;

		Limited(RateLimiter limiter) {
			this.limiter = limiter;
		}

	}

}
