package dev.gofr.ws.transport;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.gofr.ws.send.FrameWriter;
import dev.gofr.ws.send.OutboundFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketContainer;
import org.eclipse.jetty.websocket.api.WebSocketSessionListener;
import org.eclipse.jetty.websocket.common.JettyWebSocketFrameHandlerFactory;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JettyFrameWriter}: on Jetty's own session, frames go to its core session as
 * frames over the shared encoded payload, batched while more are queued; on any other session
 * implementation, through the API. The gathering itself is Jetty's, and is tested on a real Jetty
 * by the {@code FrameBurstJettyTests} of gofr-ws-autoconfigure.
 */
class JettyFrameWriterTests {

	private final RecordingCoreSession core = new RecordingCoreSession();

	private final Completions completions = new Completions();

	@Test
	void onJettysOwnSessionFramesGoToTheCoreSession() {
		assertThat(new JettyFrameWriter(jettySession(this.core)).usesCoreSession()).isTrue();
	}

	@Test
	void textGoesAsTheSharedUtf8BatchedWhileMoreAreQueued() {
		OutboundFrame shared = OutboundFrame.text("héllo wörld ✓ 🚀");
		byte[] utf8 = "héllo wörld ✓ 🚀".getBytes(StandardCharsets.UTF_8);
		JettyFrameWriter first = new JettyFrameWriter(jettySession(this.core));
		JettyFrameWriter second = new JettyFrameWriter(jettySession(this.core));

		first.write(shared, this.completions, true);
		second.write(shared, this.completions, false);

		assertThat(this.core.entries).hasSize(2);
		OutgoingEntry batched = this.core.entries.get(0);
		OutgoingEntry last = this.core.entries.get(1);
		assertThat(batched.isBatch()).isTrue();
		assertThat(last.isBatch()).isFalse();
		for (OutgoingEntry entry : this.core.entries) {
			assertThat(entry.getFrame().getOpCode()).isEqualTo(OpCode.TEXT);
			assertThat(entry.getFrame().isFin()).isTrue();
			assertThat(consume(entry.getFrame().getPayload())).isEqualTo(utf8); // Jetty consumes what it writes
		}
		assertThat(consume(shared.utf8())).as("the shared encoding, after every write consumed its payload")
			.isEqualTo(utf8);
	}

	@Test
	void binaryPingAndPongGoWithTheirOpcodesOverTheirOwnPayloads() {
		JettyFrameWriter writer = new JettyFrameWriter(jettySession(this.core));
		OutboundFrame binary = OutboundFrame.binary(new byte[] { 1, 2, 3 });

		writer.write(binary, this.completions, true);
		writer.write(OutboundFrame.ping(new byte[] { 4 }), this.completions, true);
		writer.write(OutboundFrame.pong(new byte[] { 5 }), this.completions);

		assertThat(this.core.entries).extracting((entry) -> entry.getFrame().getOpCode())
			.containsExactly(OpCode.BINARY, OpCode.PING, OpCode.PONG);
		assertThat(this.core.entries).extracting(OutgoingEntry::isBatch).containsExactly(true, true, false);
		assertThat(consume(this.core.entries.get(0).getFrame().getPayload())).containsExactly(1, 2, 3);
		assertThat(consume(binary.bytes())).containsExactly(1, 2, 3);
		assertThat(consume(this.core.entries.get(1).getFrame().getPayload())).containsExactly(4);
		assertThat(consume(this.core.entries.get(2).getFrame().getPayload())).containsExactly(5);
	}

	@Test
	void eachWriteIsReportedOnceWhenJettyCompletesIt() {
		JettyFrameWriter writer = new JettyFrameWriter(jettySession(this.core));
		IllegalStateException broken = new IllegalStateException("broken pipe");

		writer.write(OutboundFrame.text("one"), this.completions, true);
		assertThat(this.completions.results).isEmpty();
		this.core.entries.get(0).getCallback().succeeded();
		writer.write(OutboundFrame.text("two"), this.completions, false);
		this.core.entries.get(1).getCallback().failed(broken);

		assertThat(this.completions.results).containsExactly("written", "failed: broken pipe");
	}

	@Test
	void aCoreSessionThatThrowsIsReportedAsAFailedWrite() {
		this.core.refusal = new IllegalStateException("closed");
		JettyFrameWriter writer = new JettyFrameWriter(jettySession(this.core));

		writer.write(OutboundFrame.text("lost"), this.completions, false);

		assertThat(this.completions.results).containsExactly("failed: closed");
	}

	@Test
	void onAnyOtherSessionFramesGoThroughTheApiOneAtATime() {
		List<String> calls = new ArrayList<>();
		Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Session.class },
				(proxy, method, arguments) -> {
					calls.add(method.getName());
					if (method.getName().startsWith("send")) {
						((org.eclipse.jetty.websocket.api.Callback) arguments[1]).succeed();
					}
					return null;
				});
		JettyFrameWriter writer = new JettyFrameWriter(other);

		writer.write(OutboundFrame.text("a"), this.completions, true);
		writer.write(OutboundFrame.binary(new byte[] { 1 }), this.completions, false);

		assertThat(writer.usesCoreSession()).isFalse();
		assertThat(calls).containsExactly("sendText", "sendBinary");
		assertThat(this.completions.results).containsExactly("written", "written");
	}

	private static byte[] consume(ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	/** Jetty's own API session, over the given core session, as Jetty builds it for an endpoint. */
	private static Session jettySession(CoreSession core) {
		WebSocketContainer container = new NoContainer();
		return new WebSocketSession(container, core, new JettyWebSocketFrameHandlerFactory(container,
				new WebSocketComponents()).newJettyFrameHandler(new Endpoint()));
	}

	/** Public, as Jetty looks up its methods. */
	public static final class Endpoint extends Session.Listener.AbstractAutoDemanding {

	}

	/** Keeps every frame sent, its callback and its batch flag, and completes nothing by itself. */
	static final class RecordingCoreSession extends CoreSession.Empty {

		final List<OutgoingEntry> entries = new CopyOnWriteArrayList<>();

		@Nullable RuntimeException refusal;

		@Override
		public void sendFrame(OutgoingEntry entry) {
			if (this.refusal != null) {
				throw this.refusal;
			}
			this.entries.add(entry);
		}

		@Override
		public void flush(Callback callback) {
			throw new AssertionError("Nothing should need an explicit flush");
		}

	}

	static final class Completions implements FrameWriter.Callback {

		final List<String> results = new CopyOnWriteArrayList<>();

		@Override
		public void written(@Nullable Throwable failure) {
			this.results.add((failure != null) ? "failed: " + failure.getMessage() : "written");
		}

	}

	static final class NoContainer implements WebSocketContainer {

		@Override
		public Executor getExecutor() {
			return Runnable::run;
		}

		@Override
		public Collection<Session> getOpenSessions() {
			return List.of();
		}

		@Override
		public void addSessionListener(WebSocketSessionListener listener) {
		}

		@Override
		public boolean removeSessionListener(WebSocketSessionListener listener) {
			return false;
		}

		@Override
		public void notifySessionListeners(Consumer<WebSocketSessionListener> consumer) {
		}

	}

}
