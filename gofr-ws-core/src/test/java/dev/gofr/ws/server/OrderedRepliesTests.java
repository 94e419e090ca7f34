package dev.gofr.ws.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.testing.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OrderedReplies}.
 */
class OrderedRepliesTests {

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private final OrderedReplies replies = new OrderedReplies((connection, reply, failure) -> this.delivered
		.add(connection.id() + " " + ((failure != null) ? "failed " + failure.getMessage() : reply)));

	private final TestNode node = new TestNode();

	@Test
	void aCompleteReplyWithNothingBeforeItLeavesAtOnceAndKeepsNothing() {
		WsConnection connection = this.node.open("c1", "test").connection();
		this.replies.add(connection, CompletableFuture.completedFuture("a"));
		assertThat(this.delivered).containsExactly("c1 a");
		assertThat(this.replies.waiting(connection)).isFalse();
	}

	@Test
	void eachConnectionKeepsItsOwnOrder() {
		WsConnection first = this.node.open("c1", "test").connection();
		WsConnection second = this.node.open("c2", "test").connection();
		CompletableFuture<String> slow = new CompletableFuture<>();
		this.replies.add(first, slow);
		this.replies.add(first, CompletableFuture.completedFuture("b"));
		this.replies.add(second, CompletableFuture.completedFuture("x"));
		assertThat(this.delivered).containsExactly("c2 x");
		assertThat(this.replies.waiting(first)).isTrue();
		slow.complete("a");
		assertThat(this.delivered).containsExactly("c2 x", "c1 a", "c1 b");
		assertThat(this.replies.waiting(first)).isFalse();
	}

	@Test
	void aFailureIsDeliveredUnwrappedInItsTurn() {
		WsConnection connection = this.node.open("c1", "test").connection();
		CompletableFuture<String> slow = new CompletableFuture<>();
		this.replies.add(connection, slow);
		this.replies.add(connection, CompletableFuture.failedFuture(new CompletionException(new IllegalStateException("b"))));
		slow.complete("a");
		assertThat(this.delivered).containsExactly("c1 a", "c1 failed b");
	}

	@Test
	void aConnectionThatEndsIsForgottenAndItsLateRepliesDoNotBringItBack() {
		WsConnection connection = this.node.open("c1", "test").connection();
		CompletableFuture<String> slow = new CompletableFuture<>();
		this.replies.add(connection, slow);
		this.replies.ended(connection);
		assertThat(this.replies.waiting(connection)).isFalse();
		slow.complete("late");
		assertThat(this.replies.waiting(connection)).isFalse();
		assertThat(this.delivered).containsExactly("c1 late");
	}

}
