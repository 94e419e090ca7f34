package dev.gofr.ws.send;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OutboundFrame}.
 */
class OutboundFrameTests {

	// Close reasons

	@Test
	void aTextFrameFromItsEncodingKeepsTheBytesAsItsEncoding() {
		byte[] utf8 = "héllo ✓".getBytes(StandardCharsets.UTF_8);
		OutboundFrame frame = OutboundFrame.textOfUtf8(utf8);
		assertThat(frame.kind()).isEqualTo(OutboundFrame.Kind.TEXT);
		assertThat(frame.text()).isEqualTo("héllo ✓");
		assertThat(frame.utf8()).isEqualTo(ByteBuffer.wrap(utf8));
		utf8[0] = 'H';
		assertThat(frame.utf8().get(0)).as("the same bytes, not encoded again").isEqualTo((byte) 'H');
	}

	@Test
	void aTextFrameFromItsEncodingCountsItsEncodedLengthBeforeAndAfterItsTextIsRead() {
		byte[] utf8 = "héllo ✓".getBytes(StandardCharsets.UTF_8); // 7 characters, 10 bytes
		OutboundFrame frame = OutboundFrame.textOfUtf8(utf8);
		assertThat(frame.size()).isEqualTo(10);
		assertThat(frame.text()).isEqualTo("héllo ✓").isSameAs(frame.text());
		assertThat(frame.size()).as("what was added to a send buffer is what is taken off").isEqualTo(10);
		assertThat(OutboundFrame.text("héllo ✓").size()).isEqualTo(7);
	}

	@Test
	void closeKeepsAShortReason() {
		OutboundFrame close = OutboundFrame.close(1000, "bye");
		assertThat(close.kind()).isEqualTo(OutboundFrame.Kind.CLOSE);
		assertThat(close.closeCode()).isEqualTo(1000);
		assertThat(close.text()).isEqualTo("bye");
		assertThat(close.isData()).isFalse();
		assertThat(close.size()).isEqualTo(2);
		assertThat(close.bytes().remaining()).isZero();
	}

	@Test
	void closeKeepsAnAsciiReasonOfExactly123Bytes() {
		String reason = "r".repeat(123);
		assertThat(OutboundFrame.close(1000, reason).text()).isEqualTo(reason);
	}

	@Test
	void closeCutsALongAsciiReasonTo123Bytes() {
		assertThat(OutboundFrame.close(1000, "r".repeat(124)).text()).isEqualTo("r".repeat(123));
		assertThat(OutboundFrame.close(1000, "r".repeat(1000)).text()).isEqualTo("r".repeat(123));
	}

	@Test
	void closeKeeps41CharactersOfThreeBytesEach() {
		String reason = "€".repeat(41); // 123 bytes
		assertThat(OutboundFrame.close(1000, reason).text()).isEqualTo(reason);
	}

	@Test
	void closeDoesNotSplitATwoByteCharacter() {
		String reason = "é".repeat(62); // 124 bytes; byte 123 is the second half of the last é
		String fitted = OutboundFrame.close(1000, reason).text();
		assertThat(fitted).isEqualTo("é".repeat(61));
		assertThat(utf8Length(fitted)).isEqualTo(122);
	}

	@Test
	void closeDoesNotSplitAThreeByteCharacter() {
		String reason = "a" + "€".repeat(41); // 124 bytes; the last € takes bytes 121 to 123
		String fitted = OutboundFrame.close(1000, reason).text();
		assertThat(fitted).isEqualTo("a" + "€".repeat(40));
		assertThat(utf8Length(fitted)).isEqualTo(121);
	}

	@Test
	void closeDoesNotSplitASurrogatePair() {
		String reason = "😀".repeat(31); // 124 bytes in UTF-8, 62 chars
		String fitted = OutboundFrame.close(1000, reason).text();
		assertThat(fitted).isEqualTo("😀".repeat(30));
		assertThat(utf8Length(fitted)).isEqualTo(120);
	}

	@Test
	void closeReasonIsTheLongestWholeCharacterPrefixThatFits() {
		String[] pieces = { "a", "é", "€", "😀" };
		for (int length = 0; length <= 130; length++) {
			for (int offset = 0; offset < pieces.length; offset++) {
				StringBuilder reason = new StringBuilder();
				for (int i = 0; i < length; i++) {
					reason.append(pieces[(i + offset) % pieces.length]);
				}
				String original = reason.toString();
				String fitted = OutboundFrame.close(4000, original).text();
				assertThat(original).as("prefix of %s", original).startsWith(fitted);
				assertThat(fitted).doesNotContain("\uFFFD");
				assertThat(utf8Length(fitted)).isLessThanOrEqualTo(123);
				if (!fitted.equals(original)) {
					int next = original.codePointAt(fitted.length());
					assertThat(utf8Length(fitted + Character.toString(next))).as("maximal for %s", original)
						.isGreaterThan(123);
				}
			}
		}
	}

	// Payloads

	@Test
	void bytesGivesEachCallerItsOwnPosition() {
		OutboundFrame frame = OutboundFrame.binary(new byte[] { 1, 2, 3 });
		ByteBuffer first = frame.bytes();
		first.get();
		first.get();
		ByteBuffer second = frame.bytes();
		assertThat(second.position()).isZero();
		assertThat(second.remaining()).isEqualTo(3);
		assertThat(first.remaining()).isEqualTo(1);
		assertThat(frame.size()).isEqualTo(3);
	}

	@Test
	void bytesIsReadOnly() {
		OutboundFrame frame = OutboundFrame.binary(new byte[] { 1, 2, 3 });
		ByteBuffer bytes = frame.bytes();
		assertThat(bytes.isReadOnly()).isTrue();
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> bytes.put(0, (byte) 9));
	}

	@Test
	void binaryFromABufferCopiesTheRemainingBytesWithoutMovingTheBuffer() {
		ByteBuffer source = ByteBuffer.wrap(new byte[] { 9, 1, 2, 3 });
		source.position(1);
		OutboundFrame frame = OutboundFrame.binary(source);
		assertThat(source.position()).isEqualTo(1);
		assertThat(source.remaining()).isEqualTo(3);
		source.put(1, (byte) 42);
		assertThat(toArray(frame.bytes())).containsExactly(1, 2, 3);
		assertThat(frame.size()).isEqualTo(3);
		assertThat(frame.kind()).isEqualTo(OutboundFrame.Kind.BINARY);
		assertThat(frame.isData()).isTrue();
		assertThat(frame.text()).isEmpty();
	}

	@Test
	void binaryFromABufferCopiesADirectBuffer() {
		ByteBuffer source = ByteBuffer.allocateDirect(2);
		source.put((byte) 7).put((byte) 8).flip();
		OutboundFrame frame = OutboundFrame.binary(source);
		source.put(0, (byte) 0);
		assertThat(toArray(frame.bytes())).containsExactly(7, 8);
	}

	@Test
	void binaryFromAnArrayUsesTheArray() {
		OutboundFrame frame = OutboundFrame.binary(new byte[] { 4, 5 });
		assertThat(toArray(frame.bytes())).containsExactly(4, 5);
		assertThat(frame.size()).isEqualTo(2);
	}

	@Test
	void textCountsCharacters() {
		OutboundFrame frame = OutboundFrame.text("héllo");
		assertThat(frame.kind()).isEqualTo(OutboundFrame.Kind.TEXT);
		assertThat(frame.isData()).isTrue();
		assertThat(frame.text()).isEqualTo("héllo");
		assertThat(frame.size()).isEqualTo(5);
		assertThat(frame.bytes().remaining()).isZero();
		assertThat(frame.closeCode()).isZero();
	}

	@Test
	void emptyTextHasSizeZero() {
		assertThat(OutboundFrame.text("").size()).isZero();
	}

	// Control frames

	@Test
	void pingAndPongCarryTheirPayload() {
		OutboundFrame ping = OutboundFrame.ping(new byte[] { 1, 2 });
		OutboundFrame pong = OutboundFrame.pong(new byte[] { 3 });
		assertThat(ping.kind()).isEqualTo(OutboundFrame.Kind.PING);
		assertThat(pong.kind()).isEqualTo(OutboundFrame.Kind.PONG);
		assertThat(ping.isData()).isFalse();
		assertThat(pong.isData()).isFalse();
		assertThat(toArray(ping.bytes())).containsExactly(1, 2);
		assertThat(toArray(pong.bytes())).containsExactly(3);
		assertThat(ping.size()).isEqualTo(2);
		assertThat(pong.size()).isEqualTo(1);
		assertThat(OutboundFrame.ping(new byte[0]).size()).isZero();
	}

	@Test
	void controlFramesTakeUpTo125Bytes() {
		assertThat(OutboundFrame.ping(new byte[125]).size()).isEqualTo(125);
		assertThat(OutboundFrame.pong(new byte[125]).size()).isEqualTo(125);
	}

	@Test
	void controlFramesRejectMoreThan125Bytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundFrame.ping(new byte[126]))
			.withMessageContaining("126");
		assertThatIllegalArgumentException().isThrownBy(() -> OutboundFrame.pong(new byte[126]));
	}

	@Test
	void toStringNamesKindAndSize() {
		assertThat(OutboundFrame.text("abc")).hasToString("OutboundFrame[TEXT, 3]");
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static byte[] toArray(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
