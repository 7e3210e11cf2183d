package dev.gearbox.providers;

/**
 * An upstream answer arriving as canonical chunks, with back-pressure. Nothing is delivered before
 * {@link #start}; callbacks run on the event loop that owns the upstream connection.
 */
public interface ChunkStream {
    void start(ChunkSink sink);

    /** Stop delivering until {@link #resume}; the upstream connection is paused too. */
    void pause();

    void resume();

    /** Abandon the stream and close the upstream call (client went away, or another hedge won). */
    void cancel();
}
