package dev.gofr.ws.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.send.OutboundFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;

/**
 * The client's sends waiting to be written, in order, and the one being written: the JDK's
 * WebSocket allows one outstanding send. Data frames wait across reconnects, up to the buffer
 * limit; control frames belong to the connection they were made for. Guarded by the client's
 * lock: every method is called with it held, except those that fail sends, which read only the
 * client name and the limit.
 */
final class OutboundBuffer {

	private final String clientName;

	private final int maxMessages;

	private final ArrayDeque<Send> queue = new ArrayDeque<>();

	private @Nullable Send inFlight;

	/** The thread running the open hooks, whose sends go before everything queued earlier. */
	private @Nullable Thread hookThread;

	private final List<Send> hookSends = new ArrayList<>();

	private long refused;

	private boolean overflowReported;

	OutboundBuffer(String clientName, int maxMessages) {
		this.clientName = clientName;
		this.maxMessages = maxMessages;
	}

	/**
	 * Queue a send, unless it is data and the buffer is full. A send to an open, idle connection
	 * is always taken, so a buffer of 0 still lets it through.
	 * @param open whether the client is connected
	 * @return whether it was queued
	 */
	boolean offer(Send send, boolean open) {
		boolean idle = open && this.inFlight == null && this.queue.isEmpty();
		if (idle || !send.frame().isData() || this.queue.size() < this.maxMessages) {
			this.queue.addLast(send);
			return true;
		}
		this.refused++;
		return false;
	}

	/**
	 * Whether a refusal is the first since the buffer last had room, the one worth a warning.
	 * @return {@code true} once per overflow
	 */
	boolean reportOverflow() {
		boolean first = !this.overflowReported;
		this.overflowReported = true;
		return first;
	}

	/**
	 * A connection opened: its open hooks run on the given thread, and the next overflow is worth
	 * a warning again.
	 */
	void connected(Thread hookThread) {
		this.hookThread = hookThread;
		this.overflowReported = false;
	}

	/**
	 * Hold a send made by the open hooks, to go first once they are done.
	 * @return whether it was held; {@code false} for a send from another thread
	 */
	boolean holdForOpening(Send send) {
		if (this.hookThread != Thread.currentThread()) {
			return false;
		}
		this.hookSends.add(send);
		return true;
	}

	/**
	 * The open hooks are done: their sends go before everything queued earlier, in their order.
	 */
	void openingDone() {
		this.hookThread = null;
		for (int i = this.hookSends.size() - 1; i >= 0; i--) {
			this.queue.addFirst(this.hookSends.get(i));
		}
		this.hookSends.clear();
	}

	/**
	 * Put a heartbeat ping first, unless one is waiting already.
	 */
	void pingFirst() {
		boolean pingQueued = this.queue.stream().anyMatch((send) -> send.frame().kind() == OutboundFrame.Kind.PING);
		if (!pingQueued) {
			this.queue.addFirst(Send.of(OutboundFrame.ping(new byte[0])));
		}
	}

	/**
	 * Take the next send to write.
	 * @return the send, now in flight; {@code null} while another is in flight or none waits
	 */
	@Nullable Send startWrite() {
		if (this.inFlight != null || this.queue.isEmpty()) {
			return null;
		}
		this.inFlight = this.queue.pollFirst();
		return this.inFlight;
	}

	/**
	 * A send was written.
	 * @param open whether the client is connected
	 */
	void written(Send send, boolean open) {
		if (this.inFlight == send) {
			this.inFlight = null;
		}
		if (open && this.queue.size() < this.maxMessages) {
			this.overflowReported = false;
		}
	}

	/**
	 * A send failed to be written.
	 * @param keep whether data may wait for the next connection
	 * @return whether it waits again, first; {@code false} when it failed for good
	 */
	boolean writeFailed(Send send, boolean keep) {
		if (this.inFlight == send) {
			this.inFlight = null;
		}
		if (send.frame().isData() && keep) {
			this.queue.addFirst(send);
			return true;
		}
		return false;
	}

	/**
	 * The connection ended: the data being written goes again, first, on the next one; control
	 * frames meant for this connection are taken out.
	 * @return the control frames taken out
	 */
	List<Send> connectionLost() {
		List<Send> controls = new ArrayList<>();
		Send writing = this.inFlight;
		this.inFlight = null;
		if (writing != null) {
			if (writing.frame().isData()) {
				this.queue.addFirst(writing);
			}
			else {
				controls.add(writing);
			}
		}
		for (Iterator<Send> it = this.queue.iterator(); it.hasNext();) {
			Send send = it.next();
			if (!send.frame().isData()) {
				it.remove();
				controls.add(send);
			}
		}
		return controls;
	}

	/**
	 * Take out everything, for a client that closed or gave up.
	 * @return the sends, the one in flight last
	 */
	List<Send> takeAll() {
		List<Send> taken = new ArrayList<>(this.queue);
		this.queue.clear();
		if (this.inFlight != null) {
			taken.add(this.inFlight);
			this.inFlight = null;
		}
		return taken;
	}

	/**
	 * Sends waiting or being written.
	 * @return the count
	 */
	int size() {
		return this.queue.size() + ((this.inFlight != null) ? 1 : 0);
	}

	/**
	 * Sends refused because the buffer was full.
	 * @return the count
	 */
	long refused() {
		return this.refused;
	}

	/**
	 * The buffer limit.
	 * @return the most data sends that may wait, in messages
	 */
	int maxMessages() {
		return this.maxMessages;
	}

	/**
	 * Why a send is refused at once: the buffer is full.
	 * @return the error, with {@link WsErrorCode#LIMIT_EXCEEDED}
	 */
	WsException refusal() {
		return new WsException(WsErrorCode.LIMIT_EXCEEDED, "WebSocket client '" + this.clientName + "' already holds "
				+ this.maxMessages + " unsent messages (buffer.max-messages): message refused", "send", null, null);
	}

	/**
	 * Why a send was not, or will never be, written.
	 * @param why what happened to the client
	 * @return the error, with {@link WsErrorCode#CONNECTION_CLOSED}
	 */
	WsException notSent(String why) {
		return new WsException(WsErrorCode.CONNECTION_CLOSED,
				"WebSocket client '" + this.clientName + "' did not send the message: " + why, "send", null, null);
	}

	/**
	 * Fail sends that will never be written.
	 * @param why what happened to the client
	 */
	void fail(List<Send> sends, String why) {
		WsException error = notSent(why);
		sends.forEach((send) -> send.future().completeExceptionally(error));
	}

	/**
	 * A frame waiting to be written, and the future of its send.
	 *
	 * @param frame the frame
	 * @param future completed when the frame is written, failed when it never will be
	 */
	record Send(OutboundFrame frame, CompletableFuture<Void> future) {

		static Send of(OutboundFrame frame) {
			return new Send(frame, new CompletableFuture<>());
		}

		/**
		 * Write the frame: one whole frame, which Jetty lets any thread send.
		 */
		void writeTo(CoreSession session, Callback callback) {
			OutboundFrame frame = this.frame;
			switch (frame.kind()) {
				case TEXT -> session.sendFrame(new Frame(OpCode.TEXT, frame.utf8()), callback, false);
				case BINARY -> session.sendFrame(new Frame(OpCode.BINARY, frame.bytes()), callback, false);
				case PING -> session.sendFrame(new Frame(OpCode.PING, frame.bytes()), callback, false);
				case PONG -> session.sendFrame(new Frame(OpCode.PONG, frame.bytes()), callback, false);
				case CLOSE -> session.close(frame.closeCode(), frame.text(), callback);
			}
		}

	}

}
