package dev.gofr.ws.sample;

import java.util.Map;

import dev.gofr.ws.broadcast.BroadcastResult;
import dev.gofr.ws.broadcast.Broadcaster;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/notify}: pushes a notification from a REST call to the members of a room, or
 * to every chat connection when no room is given.
 */
@RestController
public class NotifyController {

	private final Broadcaster broadcaster;

	public NotifyController(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@PostMapping("/api/notify")
	ResponseEntity<Map<String, Object>> notify(@RequestBody Notify request) {
		if (request.text() == null || request.text().isBlank()) {
			return ResponseEntity.badRequest().body(Map.of("error", "'text' is required"));
		}
		ChatEvent.Notification notification = new ChatEvent.Notification(request.room(), request.text());
		BroadcastResult result = (request.room() != null) ? this.broadcaster.toRoom(request.room()).send(notification)
				: this.broadcaster.toRoute("chat").send(notification);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("recipients", result.queued()));
	}

	/**
	 * The request body.
	 * @param room the room, or {@code null} for everyone
	 * @param text the text
	 */
	record Notify(@Nullable String room, @Nullable String text) {
	}

}
