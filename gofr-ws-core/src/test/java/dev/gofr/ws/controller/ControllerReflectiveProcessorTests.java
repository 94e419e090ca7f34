package dev.gofr.ws.controller;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.gofr.ws.connection.WsConnection;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControllerReflectiveProcessor}, through the registrar that AOT processing runs
 * on every bean class.
 */
class ControllerReflectiveProcessorTests {

	@Test
	void declaresTheMethodsAndTheTypesTheyBindAndWrite() {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, QuoteController.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteController.class, "quote"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteController.class, "opened"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(QuoteRequest.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Quote.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(WsConnection.class)).rejects(hints);
	}

	record QuoteRequest(String symbol) {
	}

	record Quote(String symbol, double price) {
	}

	@WsController("/ws/quotes")
	static class QuoteController {

		@OnOpen
		void opened(WsConnection connection) {
		}

		@OnMessage("quote")
		CompletionStage<Quote> quote(QuoteRequest request) {
			return CompletableFuture.completedFuture(new Quote(request.symbol(), 1.0));
		}

	}

}
