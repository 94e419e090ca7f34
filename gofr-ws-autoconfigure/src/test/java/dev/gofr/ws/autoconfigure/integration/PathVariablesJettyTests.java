package dev.gofr.ws.autoconfigure.integration;

/**
 * The path variable, query and handshake header tests again, on Jetty, whose upgrade gofr-ws
 * performs itself: this class runs in its own Surefire execution with Tomcat off the class path.
 */
class PathVariablesJettyTests extends PathVariablesIntegrationTests {

}
