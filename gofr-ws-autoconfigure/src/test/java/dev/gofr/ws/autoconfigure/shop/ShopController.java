package dev.gofr.ws.autoconfigure.shop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.gofr.ws.controller.OnBinary;
import dev.gofr.ws.controller.OnError;
import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.OnOpen;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Answers {@code add} (validated, with a JSON reply), {@code remove} (with text) and
 * {@code later} (after a delay the message gives), fails {@code checkout} into its error methods,
 * reverses binary messages, and greets each connection.
 */
@WsController("/ws/shop")
class ShopController {

	@OnOpen
	String welcome() {
		return "welcome";
	}

	@OnMessage("add")
	Added add(@Valid Add add) {
		return new Added("added", add.item(), add.quantity());
	}

	@OnMessage("remove")
	String remove(Remove remove) {
		return "removed " + remove.item();
	}

	@OnMessage("later")
	CompletionStage<String> later(Later later) {
		return CompletableFuture.supplyAsync(later::text,
				CompletableFuture.delayedExecutor(later.delayMillis(), TimeUnit.MILLISECONDS));
	}

	@OnMessage("checkout")
	String checkout(Checkout checkout) {
		if (checkout.total() < 0) {
			throw new IllegalArgumentException("A total cannot be negative");
		}
		throw new IllegalStateException("The cart is empty");
	}

	@OnError(IllegalStateException.class)
	String sorry(IllegalStateException failure) {
		return "sorry: " + failure.getMessage();
	}

	@OnError(RuntimeException.class)
	WsException refused(RuntimeException failure) {
		return new WsException(WsErrorCode.INVALID_PAYLOAD, failure.getMessage());
	}

	@OnBinary
	byte[] reversed(byte[] bytes) {
		byte[] reversed = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			reversed[i] = bytes[bytes.length - 1 - i];
		}
		return reversed;
	}

	record Add(@NotBlank @Size(max = 16) String item, int quantity) {
	}

	record Added(String type, String item, int quantity) {
	}

	record Remove(String item) {
	}

	record Later(String text, long delayMillis) {
	}

	record Checkout(int total) {
	}

}
