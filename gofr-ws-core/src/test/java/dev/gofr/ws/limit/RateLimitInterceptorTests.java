package dev.gofr.ws.limit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.codec.JacksonPayloadCodec;
import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.ConnectionState;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.RouteDispatcher;
import dev.gofr.ws.testing.TestNode;
import dev.gofr.ws.testing.TestSocket;
import dev.gofr.ws.time.ManualTicker;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RateLimitInterceptor}: messages run through a route behind it, on a
 * {@link ManualTicker} that the tests move to let the limit refill.
 */
class RateLimitInterceptorTests {

	private static final JacksonPayloadCodec codec = new JacksonPayloadCodec();

	private static final String REJECTED = "RATE_LIMITED: More than 5 messages per second; message dropped";

	private final ManualTicker ticker = new ManualTicker();

	private final List<String> handled = new CopyOnWriteArrayList<>();

	private final TestNode node = new TestNode();

	private RouteDispatcher route(RateLimit limit) {
		return route(new RateLimitInterceptor(limit, this.ticker));
	}

	private RouteDispatcher route(RateLimitInterceptor interceptor) {
		return new RouteDispatcher(WsRoute.of("/ws/limited", (connection, message) -> {
			this.handled.add(message.text());
			return null;
		}), "limited", List.of(interceptor), new ConnectionListener() {
		});
	}

	private static void send(RouteDispatcher route, TestSocket socket, String... texts) {
		for (String text : texts) {
			route.dispatch(socket.connection(), WsMessage.text(text, codec));
		}
	}

	@Test
	void aBurstPassesAndTheExcessGetsAnErrorFrameUntilTheLimitRefills() {
		RouteDispatcher route = route(new RateLimit(5, 5, RateLimit.Action.REJECT));
		TestSocket socket = this.node.open("c1", "limited");
		send(route, socket, "m1", "m2", "m3", "m4", "m5", "m6", "m7");
		assertThat(this.handled).containsExactly("m1", "m2", "m3", "m4", "m5");
		assertThat(socket.texts()).containsExactly(REJECTED, REJECTED);
		this.ticker.advance(Duration.ofMillis(999));
		send(route, socket, "m8");
		assertThat(this.handled).hasSize(5);
		this.ticker.advance(Duration.ofMillis(1)); // a second since the burst began: 5 more
		send(route, socket, "m9", "m10", "m11", "m12", "m13", "m14");
		assertThat(this.handled).endsWith("m9", "m10", "m11", "m12", "m13").hasSize(10);
		assertThat(socket.texts()).hasSize(4);
		assertThat(socket.connection().state()).isEqualTo(ConnectionState.OPEN);
	}

	@Test
	void withTheClosePolicyTheFirstExcessClosesWith4429() {
		RouteDispatcher route = route(new RateLimit(5, 5, RateLimit.Action.CLOSE));
		TestSocket socket = this.node.open("c1", "limited");
		send(route, socket, "m1", "m2", "m3", "m4", "m5", "m6");
		assertThat(this.handled).hasSize(5);
		assertThat(socket.closedWith()).isEqualTo("4429 Message rate exceeded");
		assertThat(socket.texts()).isEmpty();
	}

	@Test
	void eachConnectionHasALimitOfItsOwn() {
		RouteDispatcher route = route(RateLimitInterceptor.perSecond(2));
		TestSocket fast = this.node.open("c1", "limited");
		TestSocket calm = this.node.open("c2", "limited");
		send(route, fast, "f1", "f2", "f3");
		send(route, calm, "c1", "c2");
		assertThat(this.handled).containsExactly("f1", "f2", "c1", "c2");
		assertThat(fast.texts()).singleElement().asString().startsWith("RATE_LIMITED: More than 2 messages per second");
		assertThat(calm.texts()).isEmpty();
	}

	@Test
	void aRateBelowOneMessagePerSecondRefillsOverSeveralSeconds() {
		RouteDispatcher route = route(new RateLimit(0.5, 1, RateLimit.Action.REJECT));
		TestSocket socket = this.node.open("c1", "limited");
		send(route, socket, "m1", "m2");
		assertThat(socket.texts()).containsExactly("RATE_LIMITED: More than 0.5 messages per second; message dropped");
		this.ticker.advance(Duration.ofMillis(1999));
		send(route, socket, "m3");
		this.ticker.advance(Duration.ofMillis(1));
		send(route, socket, "m4");
		assertThat(this.handled).containsExactly("m1", "m4");
	}

	@Test
	void theLimitOfAClosedConnectionIsDropped() {
		RouteDispatcher route = route(new RateLimit(1, 1, RateLimit.Action.REJECT));
		TestSocket first = this.node.open("c1", "limited");
		send(route, first, "m1", "m2");
		first.connection().close();
		route.closed(first.connection(), CloseStatus.NORMAL);
		TestSocket again = this.node.open("c1", "limited"); // the same id starts afresh
		send(route, again, "m3");
		assertThat(this.handled).containsExactly("m1", "m3");
	}

	@Test
	void aLimitWithoutARateIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitInterceptor(RateLimit.NONE))
			.withMessageContaining("No rate to limit to");
	}

}
