/**
 * Annotated routes: a {@link dev.gofr.ws.controller.WsController @WsController} bean whose methods
 * answer the messages of one route, chosen by a field of the JSON message, with their parameters
 * resolved and their return values sent back; {@link dev.gofr.ws.controller.ControllerHandler} is
 * the route's handler built from it.
 */
@NullMarked
package dev.gofr.ws.controller;

import org.jspecify.annotations.NullMarked;
