package dev.gofr.ws.autoconfigure.integration;

import dev.gofr.ws.autoconfigure.shop.ShopApplication;
import dev.gofr.ws.controller.ControllerHandler;
import dev.gofr.ws.server.Routes;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An annotated controller, found by component scanning and served by the application, with a
 * real client: its messages dispatched by type, its binary method, the validation of its
 * payloads, and replies that complete out of order.
 */
@GofrWsTest(classes = ShopApplication.class)
class ControllerIntegrationTests {

	WsClients clients;

	@Test
	void theScannedControllerIsARouteNamedAfterItsBean(@Autowired ApplicationContext context) {
		assertThat(context.getBeanNamesForAnnotation(dev.gofr.ws.controller.WsController.class))
			.containsExactlyInAnyOrder("shopController", "storeController");
		assertThat(context.getBean(Routes.class).find("shop")).hasValueSatisfying(
				(route) -> assertThat(route.route().handler()).isInstanceOf(ControllerHandler.class));
	}

	@Test
	void messagesGoToTheMethodTheirTypeNamesAndRepliesAreJson() {
		try (WsTestClient client = this.clients.connect("shop")) {
			assertThat(client.awaitText()).isEqualTo("welcome");
			client.sendText("{\"type\":\"add\",\"item\":\"apple\",\"quantity\":3}");
			client.awaitJson().hasPath("$.type", "added").hasPath("$.item", "apple").hasPath("$.quantity", 3);
			client.sendText("{\"type\":\"remove\",\"item\":\"pear\"}");
			assertThat(client.awaitText()).isEqualTo("removed pear");
		}
	}

	@Test
	void anUnknownTypeIsAnErrorFrameNamingTheKnownTypes() {
		try (WsTestClient client = this.clients.connect("shop")) {
			client.awaitText();
			client.sendText("{\"type\":\"steal\"}");
			assertThat(client.awaitText()).isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\","
					+ "\"message\":\"Unknown type \\\"steal\\\"; expected one of: add, checkout, later, remove\"}");
			client.sendText("{\"type\":\"remove\",\"item\":\"pear\"}");
			assertThat(client.awaitText()).isEqualTo("removed pear");
		}
	}

	@Test
	void pathVariablesAndQueryParametersOfTheHandshakeAreMethodParameters() {
		try (WsTestClient client = this.clients.toPath("/ws/stores/caf%C3%A9?coupon=half%20off").connect()) {
			client.sendText("hello");
			assertThat(client.awaitText()).isEqualTo("hello at café with half off");
		}
		try (WsTestClient client = this.clients.to("store", "berlin").connect()) {
			client.sendText("hi");
			assertThat(client.awaitText()).isEqualTo("hi at berlin with none");
		}
	}

	@Test
	void aFailureGoesToTheMostSpecificErrorMethod() {
		try (WsTestClient client = this.clients.connect("shop")) {
			client.awaitText();
			client.sendText("{\"type\":\"checkout\",\"total\":5}");
			assertThat(client.awaitText()).isEqualTo("sorry: The cart is empty");
			client.sendText("{\"type\":\"checkout\",\"total\":-1}");
			assertThat(client.awaitText()).isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\","
					+ "\"message\":\"A total cannot be negative\"}");
		}
	}

	@Test
	void binaryMessagesGoToTheBinaryMethod() {
		try (WsTestClient client = this.clients.connect("shop")) {
			client.awaitText();
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.awaitBinary()).containsExactly(3, 2, 1);
		}
	}

	@Test
	void anInvalidPayloadIsAnErrorFrameListingTheFields() {
		try (WsTestClient client = this.clients.connect("shop")) {
			client.awaitText();
			client.sendText("{\"type\":\"add\",\"item\":\" \",\"quantity\":3}");
			assertThat(client.awaitText()).isEqualTo("{\"type\":\"error\",\"code\":\"INVALID_PAYLOAD\","
					+ "\"message\":\"Invalid message: item must not be blank\"}");
			client.sendText("{\"type\":\"add\",\"item\":\"a-very-long-item-name\",\"quantity\":3}");
			assertThat(client.awaitText()).contains("INVALID_PAYLOAD").contains("item size must be between 0 and 16");
		}
	}

	@Test
	void repliesThatCompleteOutOfOrderArriveInTheOrderOfTheMessages() {
		try (WsTestClient client = this.clients.connect("shop")) {
			client.awaitText();
			client.sendText("{\"type\":\"later\",\"text\":\"first\",\"delayMillis\":400}");
			client.sendText("{\"type\":\"later\",\"text\":\"second\",\"delayMillis\":0}");
			client.sendText("{\"type\":\"remove\",\"item\":\"third\"}");
			client.sendText("{\"type\":\"later\",\"text\":\"fourth\",\"delayMillis\":100}");
			assertThat(client.awaitText()).isEqualTo("first");
			assertThat(client.awaitText()).isEqualTo("second");
			assertThat(client.awaitText()).isEqualTo("removed third");
			assertThat(client.awaitText()).isEqualTo("fourth");
		}
	}

}
