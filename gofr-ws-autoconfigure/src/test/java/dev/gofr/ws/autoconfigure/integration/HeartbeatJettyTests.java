package dev.gofr.ws.autoconfigure.integration;

/**
 * The heartbeat tests again, on Jetty, which delivers pongs through its own API.
 */
class HeartbeatJettyTests extends HeartbeatIntegrationTests {

}
