package dev.gofr.ws.sample;

import java.security.Principal;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.controller.OnMessage;
import dev.gofr.ws.controller.WsController;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.history.StreamPosition;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

/**
 * The chat at {@code /ws/chat} (route name {@code chat}, from the bean {@code chatController}):
 * JSON commands to name oneself, join and leave rooms, say something in a room, or broadcast to
 * every chat connection, one method per {@code type}. Every room keeps a history
 * ({@code gofr.ws.history.enabled} in {@code application.yml}), so a client that comes back
 * after a drop recovers what it missed by joining with its last offset. Each command is bound to its
 * {@link ChatCommand} and validated first; an unknown type, JSON that does not parse and a command
 * that breaks a constraint get {@code INVALID_PAYLOAD}, and the connection stays open. The route
 * takes text only (a binary message closes the connection with 1003); its message rate is limited
 * in {@code application.yml}.
 */
@WsController("/ws/chat")
public class ChatController {

	/** The metadata key of a connection's chosen name. */
	public static final String NAME = "name";

	private final Broadcaster broadcaster;

	public ChatController(Broadcaster broadcaster) {
		this.broadcaster = broadcaster;
	}

	@OnMessage("name")
	void name(@Valid ChatCommand.Name command, WsConnection connection) {
		connection.set(NAME, command.name());
	}

	/**
	 * Join a room. With the {@code offset} and {@code epoch} of the last message the client saw
	 * there, it gets {@code joined} with {@code recovered}, then what it missed, then live
	 * messages.
	 */
	@OnMessage("join")
	ChatEvent.@Nullable Joined join(@Valid ChatCommand.Join command, WsConnection connection) {
		String room = command.room();
		if (command.offset() != null) {
			StreamPosition since = (command.epoch() != null) ? new StreamPosition(command.offset(), command.epoch()) : null;
			connection.join(room, since, (recovery) -> new ChatEvent.Joined(room, recovery.members(), recovery.recovered()));
			return null;
		}
		connection.join(room);
		// join does nothing on a connection that is already closing
		return new ChatEvent.Joined(room, connection.rooms().contains(room) ? this.broadcaster.rooms().count(room) : 0);
	}

	@OnMessage("leave")
	ChatEvent.Left leave(@Valid ChatCommand.Leave command, WsConnection connection) {
		connection.leave(command.room());
		return new ChatEvent.Left(command.room());
	}

	@OnMessage("say")
	void say(@Valid ChatCommand.Say command, WsConnection connection) {
		String room = command.room();
		if (!connection.rooms().contains(room)) {
			throw new WsException(WsErrorCode.FORBIDDEN, "Join room '" + room + "' before saying something in it");
		}
		this.broadcaster.toRoom(room).send(new ChatEvent.Message(room, from(connection), command.text()));
	}

	@OnMessage("broadcast")
	void broadcast(@Valid ChatCommand.Broadcast command, WsConnection connection) {
		this.broadcaster.toRoute(connection.endpoint()).send(new ChatEvent.Message(null, from(connection), command.text()));
	}

	/**
	 * Who a message is from: the connection's chosen name, else the user who signed in (with the
	 * {@code secure} profile), else the connection's id.
	 */
	private static String from(WsConnection connection) {
		Object name = connection.get(NAME);
		if (name != null) {
			return name.toString();
		}
		Principal user = connection.principal();
		return (user != null) ? user.getName() : connection.id();
	}

}
