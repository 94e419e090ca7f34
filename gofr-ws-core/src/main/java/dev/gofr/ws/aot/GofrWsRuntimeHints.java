package dev.gofr.ws.aot;

import java.nio.ByteBuffer;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * The reflection gofr-ws does at run time, for AOT processing (listed in
 * {@code META-INF/spring/aot.factories}). On the JVM none of it is needed; in a native image,
 * a member not declared here is missing, and gofr-ws falls back to its slower path (the
 * container internals) or fails to start (its own fields).
 * <ul>
 * <li>Tomcat's asynchronous frame write and its write completions: fields and a method of
 * Tomcat's WebSocket session and connector, found by name.</li>
 * <li>Jetty's core session: the methods and constructor that its probe looks up; the listener
 * methods of gofr-ws's Jetty adapter, which Jetty looks up.</li>
 * <li>The classes whose presence picks a container's fast path or the client's default JSON
 * codec.</li>
 * <li>The fields that gofr-ws updates through {@code VarHandle}s.</li>
 * </ul>
 * Types of the application are the application's to declare: message payloads bound with
 * Jackson ({@code @RegisterReflectionForBinding}), JSON Schema files read from the class path,
 * and enum values kept in connection metadata when clustering is on. The methods of annotated
 * controllers, and the types they bind and return, are declared by their annotations
 * ({@code dev.gofr.ws.controller}).
 */
class GofrWsRuntimeHints implements RuntimeHintsRegistrar {

	private static final String WS_SESSION = "org.apache.tomcat.websocket.WsSession";

	private static final String WS_REMOTE_ENDPOINT = "org.apache.tomcat.websocket.WsRemoteEndpointImplBase";

	private static final String WS_REMOTE_ENDPOINT_SERVER = "org.apache.tomcat.websocket.server.WsRemoteEndpointImplServer";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ReflectionHints reflection = hints.reflection();
		registerTomcat(reflection, classLoader);
		registerJetty(reflection, classLoader);
		for (String present : List.of("jakarta.websocket.Session", "org.apache.tomcat.util.net.AbstractEndpoint",
				"org.eclipse.jetty.websocket.api.Session", "tools.jackson.databind.json.JsonMapper")) {
			reflection.registerTypeIfPresent(classLoader, present);
		}
		reflection.registerType(TypeReference.of("dev.gofr.ws.send.OutboundQueue"), (type) -> type
			.withField("queuedBytes")
			.withField("wip")
			.withField("inFlight")
			.withField("scheduled"));
		reflection.registerType(TypeReference.of("dev.gofr.ws.server.ServerConnection"),
				(type) -> type.withField("state"));
	}

	private static void registerTomcat(ReflectionHints reflection, @Nullable ClassLoader classLoader) {
		reflection.registerTypeIfPresent(classLoader, WS_SESSION,
				(type) -> type.withField("wsRemoteEndpoint").withField("state"));
		reflection.registerTypeIfPresent(classLoader, WS_SESSION + "$State");
		reflection.registerTypeIfPresent(classLoader, WS_REMOTE_ENDPOINT, (type) -> type
			.withField("messagePartInProgress")
			.withField("batchingAllowed")
			.withMethod("startMessage",
					List.of(TypeReference.of(byte.class), TypeReference.of(ByteBuffer.class),
							TypeReference.of(boolean.class), TypeReference.of("jakarta.websocket.SendHandler")),
					ExecutableMode.INVOKE));
		reflection.registerTypeIfPresent(classLoader, WS_REMOTE_ENDPOINT_SERVER,
				(type) -> type.withField("socketWrapper"));
		reflection.registerTypeIfPresent(classLoader, WS_REMOTE_ENDPOINT_SERVER + "$OnResultRunnable");
		reflection.registerTypeIfPresent(classLoader, "org.apache.tomcat.util.net.SocketWrapperBase",
				(type) -> type.withField("endpoint"));
		reflection.registerTypeIfPresent(classLoader, "org.apache.tomcat.util.net.AbstractEndpoint",
				(type) -> type.withField("internalExecutor"));
	}

	/** The probe only looks members up; registering their types lets it see them. */
	private static void registerJetty(ReflectionHints reflection, @Nullable ClassLoader classLoader) {
		for (String type : List.of("org.eclipse.jetty.websocket.common.WebSocketSession",
				"org.eclipse.jetty.websocket.core.CoreSession", "org.eclipse.jetty.websocket.core.Frame")) {
			reflection.registerTypeIfPresent(classLoader, type);
		}
		if (ClassUtils.isPresent("org.eclipse.jetty.websocket.api.Session", classLoader)) {
			// Jetty finds the listener's methods through method handles; the field is a VarHandle's
			reflection.registerType(TypeReference.of("dev.gofr.ws.transport.JettyHandlerAdapter"),
					(type) -> type.withField("reads").withMembers(MemberCategory.INVOKE_PUBLIC_METHODS));
		}
	}

}
