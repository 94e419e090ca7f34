package dev.gofr.ws.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery in the sample's chat, with real clients on the running application: every room keeps
 * its last 100 messages, and a client that comes back joins with the offset and epoch of the last
 * message it saw.
 */
@GofrWsTest(properties = "gofr.ws.endpoints.chat.limits.message-rate=0")
class ChatRecoveryTests {

	WsClients clients;

	@Test
	void aClientThatComesBackGetsJoinedThenEveryMessageItMissedInOrderThenLiveOnesNothingTwice() {
		WsTestClient bob = member("bob", "lobby");
		WsTestClient alice = member("alice", "lobby");
		say(bob, "lobby", "before");
		bob.awaitJson();
		Message last = alice.awaitJson(Message.class);
		assertThat(last.offset()).isPositive();
		assertThat(last.epoch()).isNotBlank();
		alice.close();

		for (int i = 0; i < 50; i++) {
			say(bob, "lobby", "missed " + i);
		}
		for (int i = 0; i < 50; i++) {
			bob.awaitJson(); // all of them are in the room's history now
		}
		WsTestClient back = this.clients.connect("chat");
		back.sendText("{\"type\":\"join\",\"room\":\"lobby\",\"offset\":" + last.offset() + ",\"epoch\":\""
				+ last.epoch() + "\"}");
		back.awaitJson().hasPath("$.type", "joined").hasPath("$.room", "lobby").hasPath("$.members", 2)
			.hasPath("$.recovered", true);
		say(bob, "lobby", "live");
		List<Message> received = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			received.add(back.awaitJson(Message.class));
		}
		for (int i = 0; i < 50; i++) {
			assertThat(received.get(i).text()).isEqualTo("missed " + i);
			assertThat(received.get(i).offset()).isEqualTo(last.offset() + 1 + i);
			assertThat(received.get(i).epoch()).isEqualTo(last.epoch());
		}
		assertThat(received.get(50).text()).isEqualTo("live");
		assertThat(received.get(50).offset()).isEqualTo(last.offset() + 51);
		back.expectNothing(Duration.ofMillis(100));
	}

	@Test
	void anOffsetTheHistoryNoLongerReachesOrAnotherEpochIsAnsweredRecoveredFalseWithoutReplay() {
		WsTestClient bob = member("bob", "kitchen");
		say(bob, "kitchen", "first");
		Message first = bob.awaitJson(Message.class);
		for (int i = 0; i < 101; i++) { // the history keeps 100: the one after "first" is gone
			say(bob, "kitchen", "more " + i);
			bob.awaitJson();
		}
		WsTestClient late = this.clients.connect("chat");
		late.sendText("{\"type\":\"join\",\"room\":\"kitchen\",\"offset\":" + first.offset() + ",\"epoch\":\""
				+ first.epoch() + "\"}");
		late.awaitJson().hasPath("$.type", "joined").hasPath("$.members", 2).hasPath("$.recovered", false);
		WsTestClient other = this.clients.connect("chat");
		other.sendText("{\"type\":\"join\",\"room\":\"kitchen\",\"offset\":1,\"epoch\":\"another\"}");
		other.awaitJson().hasPath("$.type", "joined").hasPath("$.recovered", false);
		say(bob, "kitchen", "live");
		assertThat(late.awaitJson(Message.class).text()).isEqualTo("live"); // no replay, and live from now on
		assertThat(other.awaitJson(Message.class).text()).isEqualTo("live");
	}

	@Test
	void aPlainJoinAnswersAsBeforeWithoutRecovered() {
		WsTestClient carol = this.clients.connect("chat");
		carol.sendText("{\"type\":\"join\",\"room\":\"plain\"}");
		String joined = carol.awaitText();
		assertThat(joined).isEqualTo("{\"type\":\"joined\",\"room\":\"plain\",\"members\":1}");
	}

	private WsTestClient member(String name, String room) {
		WsTestClient client = this.clients.connect("chat");
		client.sendText("{\"type\":\"name\",\"name\":\"" + name + "\"}");
		client.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
		client.awaitJson().hasPath("$.type", "joined");
		return client;
	}

	private static void say(WsTestClient client, String room, String text) {
		client.sendText("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}");
	}

	/** A chat message as a client reads it, with its place in the room's stream. */
	record Message(String type, String room, String from, String text, long offset, String epoch) {
	}

}
