package dev.gofr.ws.autoconfigure.integration;

/**
 * The close race tests again, on Jetty, where the path exists: the handshake in flight at
 * shutdown and the close that must wait for the handler's {@code onOpen}. The others are
 * Tomcat's own races and are disabled here.
 */
class CloseRaceJettyTests extends CloseRaceIntegrationTests {

}
