package dev.gofr.ws.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.gofr.ws.client.OutboundBuffer.Send;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.send.OutboundFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundBufferTests {

	@Test
	void aFullBufferRefusesDataButTakesControlFrames() {
		OutboundBuffer buffer = new OutboundBuffer("prices", 2);
		assertThat(buffer.offer(text("1"), false)).isTrue();
		assertThat(buffer.offer(text("2"), false)).isTrue();
		assertThat(buffer.offer(text("3"), false)).isFalse();
		assertThat(buffer.offer(Send.of(OutboundFrame.close(1000, "")), false)).isTrue();
		assertThat(buffer.refused()).isEqualTo(1);
		assertThat(buffer.size()).isEqualTo(3);
		assertThat(buffer.refusal().code()).isEqualTo(WsErrorCode.LIMIT_EXCEEDED);
		assertThat(buffer.refusal()).hasMessageContaining("'prices'").hasMessageContaining("buffer.max-messages");
	}

	@Test
	void anOpenIdleConnectionTakesASendWithNoBufferAtAll() {
		OutboundBuffer buffer = new OutboundBuffer("none", 0);
		assertThat(buffer.offer(text("now"), false)).isFalse();
		assertThat(buffer.offer(text("now"), true)).isTrue();
		assertThat(buffer.offer(text("behind it"), true)).isFalse();
	}

	@Test
	void anOverflowIsReportedOnceUntilTheBufferHasRoomAgain() {
		OutboundBuffer buffer = new OutboundBuffer("full", 1);
		buffer.offer(text("1"), false);
		assertThat(buffer.reportOverflow()).isTrue();
		assertThat(buffer.reportOverflow()).isFalse();
		Send writing = buffer.startWrite();
		buffer.written(writing, true);
		assertThat(buffer.reportOverflow()).isTrue();
	}

	@Test
	void sendsAreWrittenOneAtATimeInOrder() {
		OutboundBuffer buffer = new OutboundBuffer("ordered", 10);
		Send first = text("1");
		Send second = text("2");
		buffer.offer(first, true);
		buffer.offer(second, true);
		assertThat(buffer.startWrite()).isSameAs(first);
		assertThat(buffer.startWrite()).as("while the first is in flight").isNull();
		buffer.written(first, true);
		assertThat(buffer.startWrite()).isSameAs(second);
	}

	@Test
	void aLostConnectionPutsTheDataInFlightFirstAgainAndTakesOutItsControlFrames() {
		OutboundBuffer buffer = new OutboundBuffer("lost", 10);
		Send first = text("1");
		Send second = text("2");
		Send pong = Send.of(OutboundFrame.pong(new byte[0]));
		buffer.offer(first, true);
		buffer.offer(second, true);
		buffer.offer(pong, true);
		buffer.startWrite();
		assertThat(buffer.connectionLost()).containsExactly(pong);
		assertThat(drain(buffer)).containsExactly(first, second);
	}

	@Test
	void dataThatFailedToBeWrittenWaitsForTheNextConnectionUnlessTheClientLetsItGo() {
		OutboundBuffer buffer = new OutboundBuffer("retry", 10);
		Send data = text("1");
		buffer.offer(data, true);
		buffer.startWrite();
		assertThat(buffer.writeFailed(data, true)).isTrue();
		assertThat(buffer.startWrite()).isSameAs(data);
		assertThat(buffer.writeFailed(data, false)).isFalse();
		assertThat(buffer.size()).isZero();
	}

	@Test
	void theOpenHooksSendsGoBeforeEverythingQueuedEarlier() throws Exception {
		OutboundBuffer buffer = new OutboundBuffer("hooks", 10);
		Send early = text("early");
		Send rejoin = text("rejoin");
		Send resubscribe = text("resubscribe");
		buffer.offer(early, false);
		buffer.connected(Thread.currentThread());
		assertThat(buffer.holdForOpening(rejoin)).isTrue();
		assertThat(buffer.holdForOpening(resubscribe)).isTrue();
		AtomicBoolean heldFromElsewhere = new AtomicBoolean(true);
		Thread other = new Thread(() -> heldFromElsewhere.set(buffer.holdForOpening(text("other"))));
		other.start();
		other.join();
		assertThat(heldFromElsewhere).isFalse();
		buffer.openingDone();
		assertThat(drain(buffer)).containsExactly(rejoin, resubscribe, early);
	}

	@Test
	void aHeartbeatPingGoesFirstAndOnlyOnce() {
		OutboundBuffer buffer = new OutboundBuffer("ping", 10);
		Send data = text("1");
		buffer.offer(data, true);
		buffer.pingFirst();
		buffer.pingFirst();
		List<Send> order = drain(buffer);
		assertThat(order).hasSize(2);
		assertThat(order.get(0).frame().kind()).isEqualTo(OutboundFrame.Kind.PING);
		assertThat(order.get(1)).isSameAs(data);
	}

	@Test
	void sendsTakenOutFailWithTheReason() {
		OutboundBuffer buffer = new OutboundBuffer("closing", 10);
		Send waiting = text("1");
		buffer.offer(waiting, false);
		buffer.fail(buffer.takeAll(), "the client was closed");
		assertThat(buffer.size()).isZero();
		assertThat(waiting.future()).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause()
			.isInstanceOfSatisfying(WsException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo(WsErrorCode.CONNECTION_CLOSED);
				assertThat(ex).hasMessageContaining("'closing'").hasMessageContaining("the client was closed");
			});
	}

	private static Send text(String text) {
		return Send.of(OutboundFrame.text(text));
	}

	private static List<Send> drain(OutboundBuffer buffer) {
		List<Send> written = new ArrayList<>();
		for (Send next = buffer.startWrite(); next != null; next = buffer.startWrite()) {
			written.add(next);
			buffer.written(next, true);
		}
		return written;
	}

}
