package dev.gofr.ws.history;

import org.jspecify.annotations.Nullable;

/**
 * What a join that asked to recover got: whether the room's history still reached back to the
 * position the client gave (same epoch, nothing missed has expired), and if so how many missed
 * messages were queued for it, before any live one.
 *
 * @param recovered whether every message after the given position was replayed; {@code false}
 * when the room keeps no history, the epoch differs, or the history no longer reaches back
 * @param replayed how many messages were replayed
 * @param position the room's position after the replay (the last message it was sent), or
 * {@code null} when the room keeps no history
 * @param members the room's members on this node, the joining connection included
 */
public record Recovery(boolean recovered, int replayed, @Nullable StreamPosition position, int members) {

}
