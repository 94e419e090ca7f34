package dev.gofr.ws.autoconfigure.integration;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Members of a room on {@link ChaosConfiguration}'s {@code room} route, and what a burst of
 * broadcasts to them must look like when it arrives: every frame, whole, in order, nothing after.
 */
final class Bursts {

	private Bursts() {
	}

	/**
	 * Connect clients to the {@code room} route and have each join a room.
	 * @return the members, each told it joined
	 */
	static List<WsTestClient> join(WsClients clients, String room, int count, Duration wait) {
		List<WsTestClient> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			WsTestClient member = clients.connect("room");
			member.sendText("join " + room);
			assertThat(member.awaitText(wait)).isEqualTo("joined " + room);
			members.add(member);
		}
		return members;
	}

	/**
	 * Assert that a member received the payloads, strings as text frames and byte arrays as binary
	 * ones, in order, and nothing after them.
	 */
	static void assertReceivedInOrder(WsTestClient member, List<Object> payloads, Duration wait) {
		for (int i = 0; i < payloads.size(); i++) {
			Frame frame = member.awaitMessage(wait);
			if (payloads.get(i) instanceof String text) {
				assertThat(frame).as("frame %d", i).isInstanceOf(Frame.Text.class);
				assertThat(((Frame.Text) frame).text()).as("frame %d", i).isEqualTo(text);
			}
			else {
				assertThat(frame).as("frame %d", i).isInstanceOf(Frame.Binary.class);
				assertThat(((Frame.Binary) frame).bytes()).as("frame %d", i).isEqualTo(payloads.get(i));
			}
		}
		member.expectNothing(Duration.ofMillis(200));
	}

	/** The index, then bytes counting up from it. */
	static byte[] binary(int index, int size) {
		ByteBuffer bytes = ByteBuffer.allocate(size).putInt(index);
		while (bytes.hasRemaining()) {
			bytes.put((byte) (index + bytes.position()));
		}
		return bytes.array();
	}

}
