package dev.gofr.ws.autoconfigure.integration;

/**
 * The fan-out tests again, on Jetty.
 */
class FanoutJettyTests extends FanoutIntegrationTests {

}
