package dev.gofr.ws.autoconfigure.integration;

/**
 * The concurrent send test again, on Jetty, whose asynchronous send API differs from Tomcat's.
 */
class ConcurrentSendJettyTests extends ConcurrentSendIntegrationTests {

}
