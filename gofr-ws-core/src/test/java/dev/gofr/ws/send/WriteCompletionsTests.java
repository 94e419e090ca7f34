package dev.gofr.ws.send;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WriteCompletions}.
 */
class WriteCompletionsTests {

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@Test
	void outsideAWriteScopeNothingIsDeferred() {
		assertThat(WriteCompletions.defer(() -> this.ran.add("completion"))).isFalse();
		assertThat(this.ran).isEmpty();
	}

	@Test
	void aCompletionDeferredInAScopeRunsOnThisThreadWhenTheOutermostScopeIsLeft() {
		WriteCompletions.enter();
		WriteCompletions.enter();
		assertThat(WriteCompletions.defer(() -> this.ran.add(Thread.currentThread().getName()))).isTrue();
		WriteCompletions.exit();
		assertThat(this.ran).as("still inside the outer scope").isEmpty();
		WriteCompletions.exit();
		assertThat(this.ran).containsExactly(Thread.currentThread().getName());
		assertThat(WriteCompletions.defer(() -> this.ran.add("later"))).as("the scope is left").isFalse();
	}

	@Test
	void completionsThatDeferMoreJoinTheSameLoopWithoutRecursing() {
		int[] depth = { 0, 0 };
		Runnable[] next = new Runnable[1];
		next[0] = () -> {
			int stack = Thread.currentThread().getStackTrace().length;
			depth[0] = (depth[0] == 0) ? stack : depth[0];
			depth[1] = Math.max(depth[1], stack);
			this.ran.add("completion");
			if (this.ran.size() < 1_000) {
				// a completion starting the next write, whose completion is deferred in turn
				WriteCompletions.enter();
				assertThat(WriteCompletions.defer(next[0])).isTrue();
				WriteCompletions.exit();
			}
		};
		WriteCompletions.enter();
		WriteCompletions.defer(next[0]);
		WriteCompletions.exit();
		assertThat(this.ran).hasSize(1_000);
		assertThat(depth[1]).as("deepest stack against the first").isEqualTo(depth[0]);
	}

	@Test
	void aFailingCompletionDoesNotStrandTheOthers() {
		WriteCompletions.enter();
		WriteCompletions.defer(() -> {
			throw new IllegalStateException("one connection's failure");
		});
		WriteCompletions.defer(() -> this.ran.add("the other"));
		WriteCompletions.exit();
		assertThat(this.ran).containsExactly("the other");
	}

}
