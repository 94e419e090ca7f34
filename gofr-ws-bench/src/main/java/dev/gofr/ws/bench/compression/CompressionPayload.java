package dev.gofr.ws.bench.compression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * The payloads of the compression benchmark, each a pool of distinct messages made from a fixed
 * seed, so that every run sends the same bytes and a compressor cannot win by seeing one message
 * repeated within its window: chat messages of about 100 bytes, order documents of about 1 KB and 16 KB, and
 * random (incompressible) binary of 16 KB.
 */
public enum CompressionPayload {

	/** A chat message as the sample sends it, about 100 bytes of JSON. */
	CHAT("chat JSON", 100, false, 1024),

	/** An order document of about 1 KB of JSON. */
	JSON_1K("JSON document", 1024, false, 64),

	/** An order document of about 16 KB of JSON. */
	JSON_16K("JSON document", 16 * 1024, false, 64),

	/** Random bytes, which deflate cannot shrink. */
	BINARY_16K("random binary", 16 * 1024, true, 64);

	private static final String[] WORDS = { "hello", "anyone", "around", "for", "the", "release", "meeting", "today",
			"i", "think", "we", "should", "ship", "it", "after", "lunch", "tests", "are", "green", "again", "thanks",
			"sounds", "good", "to", "me", "can", "you", "review", "my", "pull", "request", "please", "deploy", "staging",
			"is", "down", "back", "up", "now", "coffee", "first", "see", "you", "in", "five", "minutes", "great", "work",
			"team", "what", "about", "monitoring", "dashboard", "looks", "fine", "on", "my", "side", "ok" };

	private static final String[] PRODUCTS = { "USB-C cable", "Mechanical keyboard", "Wireless mouse", "27\\\" monitor",
			"Laptop stand", "Noise cancelling headphones", "Webcam 1080p", "Desk lamp", "Ergonomic chair",
			"Portable SSD 1TB", "HDMI adapter", "Phone charger" };

	private static final String[] STATUSES = { "pending", "paid", "packed", "shipped", "delivered" };

	private final String label;

	private final int size;

	private final boolean binary;

	private final int pool;

	/**
	 * Each pool holds more than deflate's 32 KB window, so a connection that keeps its context
	 * never finds a whole earlier message in it, as it would not in real traffic.
	 */
	CompressionPayload(String label, int size, boolean binary, int pool) {
		this.label = label;
		this.size = size;
		this.binary = binary;
		this.pool = pool;
	}

	/**
	 * What the payload is, for the report.
	 * @return such as {@code chat JSON}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The size each message aims at.
	 * @return bytes
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Whether the messages are binary.
	 * @return {@code true} for binary, {@code false} for text
	 */
	public boolean isBinary() {
		return this.binary;
	}

	/**
	 * The command-line name.
	 * @return such as {@code json-1k}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The pool of messages: {@code String}s for text, {@code byte[]}s for binary.
	 * @return distinct messages (1,024 chat messages, 64 of the others), always the same ones
	 */
	public List<Object> messages() {
		Random random = new Random(ordinal() * 7919L + 17);
		List<Object> messages = new ArrayList<>(this.pool);
		for (int i = 0; i < this.pool; i++) {
			if (this.binary) {
				byte[] bytes = new byte[this.size];
				random.nextBytes(bytes);
				messages.add(bytes);
			}
			else {
				messages.add((this == CHAT) ? chat(random) : order(random, this.size));
			}
		}
		return messages;
	}

	private static String chat(Random random) {
		String head = "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"user-" + random.nextInt(1000)
				+ "\",\"text\":\"";
		StringBuilder text = new StringBuilder();
		while (head.length() + text.length() + 2 < 100) {
			text.append(text.isEmpty() ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
		}
		text.setLength(100 - head.length() - 2);
		return head + text + "\"}";
	}

	private static String order(Random random, int size) {
		StringBuilder json = new StringBuilder(size + 256);
		json.append("{\"id\":\"").append(new UUID(random.nextLong(), random.nextLong()))
			.append("\",\"customer\":{\"id\":").append(100000 + random.nextInt(900000))
			.append(",\"name\":\"Customer ").append(random.nextInt(10000))
			.append("\",\"email\":\"customer").append(random.nextInt(10000))
			.append("@example.com\"},\"status\":\"").append(STATUSES[random.nextInt(STATUSES.length)])
			.append("\",\"createdAt\":\"2026-11-").append(10 + random.nextInt(18)).append("T")
			.append(10 + random.nextInt(14)).append(':').append(10 + random.nextInt(50)).append(":00Z\",\"items\":[");
		int items = 0;
		String end = "],\"currency\":\"EUR\"}";
		while (true) {
			String item = ((items > 0) ? "," : "") + "{\"sku\":\"SKU-" + (10000 + random.nextInt(90000))
					+ "\",\"name\":\"" + PRODUCTS[random.nextInt(PRODUCTS.length)] + "\",\"quantity\":"
					+ (1 + random.nextInt(5)) + ",\"unitPrice\":" + (1 + random.nextInt(500)) + "."
					+ (10 + random.nextInt(90)) + "}";
			if (json.length() + item.length() + end.length() > size && items > 0) {
				break;
			}
			json.append(item);
			items++;
		}
		json.append(end);
		while (json.length() < size) {
			json.insert(json.length() - 1, ' '); // pad to the exact size: whitespace JSON allows
		}
		return json.toString();
	}

}
