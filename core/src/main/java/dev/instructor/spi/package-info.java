/**
 * The provider SPI: what an LLM provider module implements so the client can stream structured output from it.
 *
 * <p>A provider turns a {@link dev.instructor.spi.ProviderRequest} into one HTTP exchange and reports what comes
 * back as a small common vocabulary of {@link dev.instructor.spi.ProviderEvent}s, ending in either
 * {@link dev.instructor.spi.ProviderListener#onComplete()} or one typed
 * {@link dev.instructor.spi.ProviderException}.
 */
package dev.instructor.spi;
