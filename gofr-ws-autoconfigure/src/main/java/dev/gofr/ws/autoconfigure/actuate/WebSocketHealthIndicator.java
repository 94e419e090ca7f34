package dev.gofr.ws.autoconfigure.actuate;

import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.server.GracefulShutdown;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code websocket} health: UP with the connection counts while connections are accepted,
 * OUT_OF_SERVICE once the application has begun closing them down.
 */
public class WebSocketHealthIndicator extends AbstractHealthIndicator {

	private final ConnectionRegistry registry;

	private final GracefulShutdown shutdown;

	/**
	 * Create the indicator.
	 * @param registry the live connections
	 * @param shutdown tells whether connections are still accepted
	 */
	public WebSocketHealthIndicator(ConnectionRegistry registry, GracefulShutdown shutdown) {
		super("WebSocket health check failed");
		this.registry = registry;
		this.shutdown = shutdown;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.shutdown.isAccepting() ? builder.up() : builder.outOfService())
			.withDetail("active", this.registry.count())
			.withDetail("opened", this.registry.opened());
	}

}
