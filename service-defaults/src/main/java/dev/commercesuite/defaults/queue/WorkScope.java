package dev.commercesuite.defaults.queue;

/**
 * What a {@link LeasedQueueWorker} opens around one item's processing and closes after it, e.g. the trace the item was
 * queued in ({@link dev.commercesuite.defaults.tracing.StoredTrace}).
 */
@FunctionalInterface
public interface WorkScope<T extends LeasedItem> {

    /** Opens the scope of {@code item}; {@link Open#close()} runs once its outcome is recorded. */
    Open enter(T item);

    /** An open scope; closing it cannot fail. */
    interface Open extends AutoCloseable {

        /** Called when the attempt failed, with the error recorded for the item. */
        default void failed(String error) {
        }

        @Override
        void close();
    }

    /** Opens nothing. */
    static <T extends LeasedItem> WorkScope<T> none() {
        return item -> () -> {
        };
    }
}
