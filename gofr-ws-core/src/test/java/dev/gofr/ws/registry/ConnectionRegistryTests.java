package dev.gofr.ws.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ConnectionRegistry}, with connections of a {@link TestNode}.
 */
class ConnectionRegistryTests {

	private final ConnectionRegistry registry = new ConnectionRegistry();

	/** Creates connections without opening them: the tests register them themselves. */
	private final TestNode node = new TestNode();

	private WsConnection connection(String id, String endpoint) {
		return this.node.create(id, endpoint).connection();
	}

	@Test
	void isEmptyAtFirst() {
		assertThat(this.registry.count()).isZero();
		assertThat(this.registry.count("chat")).isZero();
		assertThat(this.registry.connections()).isEmpty();
		assertThat(this.registry.connections("chat")).isEmpty();
		assertThat(this.registry.routes()).isEmpty();
		assertThat(this.registry.find("c-1")).isEmpty();
	}

	@Test
	void addMakesAConnectionFindableByIdAndEndpoint() {
		WsConnection chat1 = connection("c-1", "chat");
		WsConnection chat2 = connection("c-2", "chat");
		WsConnection echo = connection("e-1", "echo");
		this.registry.add(chat1);
		this.registry.add(chat2);
		this.registry.add(echo);
		assertThat(this.registry.find("c-1")).containsSame(chat1);
		assertThat(this.registry.find("e-1")).containsSame(echo);
		assertThat(this.registry.find("nope")).isEmpty();
		assertThat(this.registry.count()).isEqualTo(3);
		assertThat(this.registry.count("chat")).isEqualTo(2);
		assertThat(this.registry.count("echo")).isEqualTo(1);
		assertThat(this.registry.count("other")).isZero();
		assertThat(this.registry.connections()).containsExactlyInAnyOrder(chat1, chat2, echo);
		assertThat(this.registry.connections("chat")).containsExactlyInAnyOrder(chat1, chat2);
		assertThat(this.registry.connections("other")).isEmpty();
		assertThat(this.registry.routes()).containsExactlyInAnyOrder("chat", "echo");
	}

	@Test
	void removeTakesTheConnectionOutOnce() {
		WsConnection connection = connection("c-1", "chat");
		WsConnection other = connection("c-2", "chat");
		this.registry.add(connection);
		this.registry.add(other);
		assertThat(this.registry.remove(connection)).isTrue();
		assertThat(this.registry.remove(connection)).isFalse();
		assertThat(this.registry.find("c-1")).isEmpty();
		assertThat(this.registry.count()).isEqualTo(1);
		assertThat(this.registry.count("chat")).isEqualTo(1);
		assertThat(this.registry.connections("chat")).containsExactly(other);
	}

	@Test
	void removeOfAConnectionNeverAddedIsFalse() {
		assertThat(this.registry.remove(connection("c-1", "chat"))).isFalse();
	}

	@Test
	void removeOfAnotherConnectionWithTheSameIdLeavesTheRegisteredOne() {
		WsConnection registered = connection("c-1", "chat");
		this.registry.add(registered);
		assertThat(this.registry.remove(connection("c-1", "chat"))).isFalse();
		assertThat(this.registry.find("c-1")).containsSame(registered);
		assertThat(this.registry.count("chat")).isEqualTo(1);
	}

	@Test
	void addRejectsADuplicateId() {
		WsConnection first = connection("c-1", "chat");
		this.registry.add(first);
		assertThatIllegalStateException().isThrownBy(() -> this.registry.add(connection("c-1", "echo")))
			.withMessageContaining("c-1");
		assertThatIllegalStateException().isThrownBy(() -> this.registry.add(first));
		assertThat(this.registry.find("c-1")).containsSame(first);
		assertThat(this.registry.count()).isEqualTo(1);
		assertThat(this.registry.count("echo")).isZero();
	}

	@Test
	void viewsAreLiveAndUnmodifiable() {
		var all = this.registry.connections();
		this.registry.add(connection("c-1", "chat"));
		var chat = this.registry.connections("chat");
		assertThat(all).hasSize(1);
		this.registry.add(connection("c-2", "chat"));
		assertThat(all).hasSize(2);
		assertThat(chat).hasSize(2);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> all.add(connection("c-3", "chat")));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(chat::clear);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.registry.routes().add("x"));
	}

	@Test
	void iterationWhileConnectionsComeAndGoDoesNotFail() {
		for (int i = 0; i < 100; i++) {
			this.registry.add(connection("c-" + i, "chat"));
		}
		int seen = 0;
		for (WsConnection connection : this.registry.connections("chat")) {
			this.registry.remove(connection);
			this.registry.add(connection("n-" + seen, "echo"));
			seen++;
		}
		assertThat(seen).isEqualTo(100);
		assertThat(this.registry.count("chat")).isZero();
		assertThat(this.registry.count("echo")).isEqualTo(100);
	}

	@Test
	@Timeout(120)
	void concurrentAddAndRemoveEndsEmpty() throws Exception {
		int threads = 16;
		int perThread = 2_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Future<Integer>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					int removed = 0;
					List<WsConnection> mine = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						WsConnection connection = connection(thread + "-" + i, "endpoint-" + (i % 4));
						this.registry.add(connection);
						mine.add(connection);
						if (i % 3 == 2) { // remove some while others still add
							for (WsConnection old : mine) {
								if (this.registry.remove(old)) {
									removed++;
								}
							}
							mine.clear();
						}
					}
					for (WsConnection old : mine) {
						if (this.registry.remove(old)) {
							removed++;
						}
					}
					return removed;
				}));
			}
			int removed = 0;
			for (Future<Integer> future : futures) {
				removed += future.get(60, TimeUnit.SECONDS);
			}
			assertThat(removed).isEqualTo(threads * perThread);
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.registry.count()).isZero();
		assertThat(this.registry.connections()).isEmpty();
		assertThat(this.registry.routes()).containsExactlyInAnyOrder("endpoint-0", "endpoint-1", "endpoint-2",
				"endpoint-3");
		for (String endpoint : this.registry.routes()) {
			assertThat(this.registry.count(endpoint)).as(endpoint).isZero();
		}
	}

}
