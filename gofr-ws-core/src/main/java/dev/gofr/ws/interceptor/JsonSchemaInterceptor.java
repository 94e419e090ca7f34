package dev.gofr.ws.interceptor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.WsMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * Validates every text message against a JSON Schema (draft 2020-12 unless the schema says
 * otherwise) with the networknt validator; a message that fails gets an {@code INVALID_PAYLOAD}
 * error frame naming what failed, and does not reach the handler. Needs
 * {@code com.networknt:json-schema-validator} on the class path.
 */
public final class JsonSchemaInterceptor implements MessageInterceptor {

	private static final int MAX_REASONS = 5;

	private final Schema schema;

	private JsonSchemaInterceptor(Schema schema) {
		this.schema = schema;
	}

	/**
	 * An interceptor for a schema given as JSON text.
	 * @param schemaJson the schema
	 * @return the interceptor
	 */
	public static JsonSchemaInterceptor of(String schemaJson) {
		return new JsonSchemaInterceptor(
				SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson));
	}

	/**
	 * An interceptor for a schema read from a resource, such as {@code classpath:chat.schema.json}.
	 * @param schema the resource
	 * @return the interceptor
	 * @throws IllegalArgumentException when the resource cannot be read
	 */
	public static JsonSchemaInterceptor of(Resource schema) {
		try (InputStream in = schema.getInputStream()) {
			return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read the JSON Schema " + schema, ex);
		}
	}

	@Override
	public @Nullable Object intercept(WsConnection connection, WsMessage message, MessageChain chain) throws Exception {
		if (message.isText()) {
			List<Error> errors;
			try {
				errors = this.schema.validate(message.text(), InputFormat.JSON);
			}
			catch (RuntimeException ex) {
				throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Malformed JSON", ex);
			}
			if (!errors.isEmpty()) {
				throw new WsException(WsErrorCode.INVALID_PAYLOAD, "Invalid message: " + describe(errors));
			}
		}
		return chain.proceed(connection, message);
	}

	private static String describe(List<Error> errors) {
		String reasons = errors.stream().limit(MAX_REASONS).map(Error::toString).collect(Collectors.joining("; "));
		return (errors.size() > MAX_REASONS) ? reasons + "; and " + (errors.size() - MAX_REASONS) + " more" : reasons;
	}

}
