package dev.gofr.ws.autoconfigure.shop;

import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Answers every message with the store of its path and the coupon of its query.
 */
@WsController("/ws/stores/{store}")
class StoreController {

	@OnMessage
	String where(String text, @PathVariable String store, @RequestParam(defaultValue = "none") String coupon) {
		return text + " at " + store + " with " + coupon;
	}

}
