package dev.gofr.ws.bench.client;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.gofr.ws.bench.client.WsLoadClient.Connection;
import dev.gofr.ws.bench.client.WsLoadClient.Listener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the load client writes: the upgrade request and masked frames.
 */
class FrameWriterTests {

	@Test
	void upgradeRequestCarriesAFreshKeyAndTheOriginWhenGiven() throws Exception {
		try (WsLoadClient client = new WsLoadClient("test")) {
			FrameWriter writer = new FrameWriter(client);
			InetSocketAddress address = new InetSocketAddress("127.0.0.1", 9000);

			String first = new String(writer.upgradeRequest(address, "/ws/echo", "http://bench.local"),
					StandardCharsets.US_ASCII);
			String second = new String(writer.upgradeRequest(address, "/ws/echo", null), StandardCharsets.US_ASCII);

			assertThat(first).startsWith("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n")
				.contains("Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n", "Origin: http://bench.local\r\n")
				.endsWith("\r\n\r\n");
			assertThat(second).doesNotContain("Origin:");
			assertThat(Base64.getDecoder().decode(key(first))).hasSize(16);
			assertThat(key(first)).isNotEqualTo(key(second));
		}
	}

	@Test
	void framesAreMaskedWithTheLengthInAsFewBytesAsItTakes() throws Exception {
		try (WsLoadClient client = new WsLoadClient("test")) {
			FrameWriter writer = new FrameWriter(client);
			Connection connection = client.new Connection(0, new Listener() {
			});
			byte[] small = "hello".getBytes(StandardCharsets.US_ASCII);
			byte[] large = new byte[300];
			large[299] = 7;

			writer.frame(connection, 0x1, small, 0, small.length);
			writer.frame(connection, 0x2, large, 0, large.length);

			ByteBuffer out = connection.out.flip();
			assertThat(out.get()).isEqualTo((byte) 0x81);
			assertThat(out.get()).isEqualTo((byte) (0x80 | 5));
			assertThat(unmask(out, 5)).isEqualTo(small);
			assertThat(out.get()).isEqualTo((byte) 0x82);
			assertThat(out.get()).isEqualTo((byte) (0x80 | 126));
			assertThat(out.getShort()).isEqualTo((short) 300);
			assertThat(unmask(out, 300)).isEqualTo(large);
			assertThat(out.hasRemaining()).isFalse();
		}
	}

	private static String key(String request) {
		int at = request.indexOf("Sec-WebSocket-Key: ") + "Sec-WebSocket-Key: ".length();
		return request.substring(at, request.indexOf("\r\n", at));
	}

	private static byte[] unmask(ByteBuffer frame, int length) {
		byte[] mask = new byte[4];
		frame.get(mask);
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (frame.get() ^ mask[i & 3]);
		}
		return payload;
	}

}
