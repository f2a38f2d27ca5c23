package dev.instructor.internal.client;

import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderRequest;

/**
 * Opens the provider call of one attempt. The front decides how the call's callbacks reach the run: queued for the
 * caller's thread, or straight into the run on the HTTP client's thread.
 */
@FunctionalInterface
interface CallOpener {

    /**
     * Starts the call of {@code attempt}; its callbacks must reach the run tagged with {@code attempt}, so the run
     * can ignore a cancelled attempt's late events.
     */
    ProviderCall open(ProviderRequest request, int attempt);
}
