package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.client.ReconnectingClient;

/**
 * Customizes the clients declared under {@code gofr.ws.clients.<name>} before they are built:
 * the place to give a client its message handler, hooks or backoff. Every bean of this type is
 * called for every declared client, in {@code @Order}.
 *
 * <pre class="code">
 * &#064;Bean
 * ReconnectingClientCustomizer pricesClient(PriceBoard board) {
 *     return (name, builder) -&gt; {
 *         if (name.equals("prices")) {
 *             builder.onMessage((client, message) -&gt; board.update(message.text()))
 *                 .onConnected((client) -&gt; client.sendText("{\"subscribe\":\"EURUSD\"}"));
 *         }
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface ReconnectingClientCustomizer {

	/**
	 * Customize one client.
	 * @param name the client name, as in {@code gofr.ws.clients.<name>}
	 * @param builder its builder, with its properties applied
	 */
	void customize(String name, ReconnectingClient.Builder builder);

}
