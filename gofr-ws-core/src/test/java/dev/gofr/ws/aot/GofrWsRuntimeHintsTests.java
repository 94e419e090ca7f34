package dev.gofr.ws.aot;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Predicate;

import dev.gofr.ws.send.OutboundQueue;
import jakarta.websocket.SendHandler;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.websocket.WsRemoteEndpointImplBase;
import org.apache.tomcat.websocket.WsSession;
import org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

class GofrWsRuntimeHintsTests {

	private final RuntimeHints hints = hints();

	@Test
	void isListedInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(GofrWsRuntimeHints.class::isInstance);
	}

	@Test
	void tomcatFrameWriteCanReachTheSessionInternals() throws Exception {
		assertThat(field(WsSession.class, "wsRemoteEndpoint")).accepts(this.hints);
		assertThat(field(WsSession.class, "state")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(WsSession.class.getName() + "$State")))
			.accepts(this.hints);
		Method startMessage = WsRemoteEndpointImplBase.class.getDeclaredMethod("startMessage", byte.class,
				ByteBuffer.class, boolean.class, SendHandler.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(startMessage)).accepts(this.hints);
		assertThat(field(WsRemoteEndpointImplBase.class, "messagePartInProgress")).accepts(this.hints);
		assertThat(field(WsRemoteEndpointImplBase.class, "batchingAllowed")).accepts(this.hints);
	}

	@Test
	void tomcatWriteCompletionsCanReachTheConnectorInternals() throws Exception {
		assertThat(field(WsRemoteEndpointImplServer.class, "socketWrapper")).accepts(this.hints);
		assertThat(field(SocketWrapperBase.class, "endpoint")).accepts(this.hints);
		assertThat(field(AbstractEndpoint.class, "internalExecutor")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(WsRemoteEndpointImplServer.class.getName() + "$OnResultRunnable")))
			.accepts(this.hints);
	}

	@Test
	void jettyProbeCanSeeTheCoreSession() {
		assertThat(RuntimeHintsPredicates.reflection().onType(WebSocketSession.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(CoreSession.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Frame.class)).accepts(this.hints);
	}

	@Test
	void presenceChecksCanLoadTheirClasses() {
		for (String type : new String[] { "jakarta.websocket.Session", "org.apache.tomcat.util.net.AbstractEndpoint",
				"org.eclipse.jetty.websocket.api.Session", "tools.jackson.databind.json.JsonMapper" }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).as(type).accepts(this.hints);
		}
	}

	@Test
	void fieldsUpdatedThroughVarHandlesAreKept() throws Exception {
		for (String name : new String[] { "queuedBytes", "wip", "inFlight", "scheduled" }) {
			assertThat(field(OutboundQueue.class, name)).as(name).accepts(this.hints);
		}
		assertThat(field(Class.forName("dev.gofr.ws.server.ServerConnection"), "state")).accepts(this.hints);
		assertThat(field(Class.forName("dev.gofr.ws.transport.JettyHandlerAdapter"), "reads")).accepts(this.hints);
	}

	@Test
	void jettyCanCallTheAdaptersListenerMethods() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Class.forName("dev.gofr.ws.transport.JettyHandlerAdapter")
				.getMethod("onWebSocketText", String.class))).accepts(this.hints);
	}

	/** A renamed field or method (a new Tomcat, a refactoring here) must fail here, not in a native image. */
	@Test
	void everyMemberNamedExists() throws Exception {
		for (TypeHint type : this.hints.reflection().typeHints().toList()) {
			Class<?> declaring = Class.forName(type.getType().getName());
			type.fields().forEach((field) -> assertThat(Arrays.stream(declaring.getDeclaredFields()).map(Field::getName))
				.as(declaring.getName() + "." + field.getName())
				.contains(field.getName()));
			type.methods().forEach((method) -> assertThat(Arrays.stream(declaring.getDeclaredMethods())
				.filter((candidate) -> candidate.getName().equals(method.getName()))
				.map((candidate) -> Arrays.stream(candidate.getParameterTypes()).map(Class::getName).toList()))
				.as(declaring.getName() + "." + method.getName())
				.contains(method.getParameterTypes().stream().map(TypeReference::getName).toList()));
		}
	}

	private static Predicate<RuntimeHints> field(Class<?> type, String name) throws Exception {
		return RuntimeHintsPredicates.reflection().onFieldAccess(type.getDeclaredField(name));
	}

	private static RuntimeHints hints() {
		RuntimeHints hints = new RuntimeHints();
		new GofrWsRuntimeHints().registerHints(hints, GofrWsRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
