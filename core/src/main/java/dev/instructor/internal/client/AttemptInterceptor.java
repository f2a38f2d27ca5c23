package dev.instructor.internal.client;

import java.util.List;

/**
 * One link of the chain that turns an attempt's end into the run's next step, in the manner of OkHttp's
 * interceptors: validation, re-ask and hooks are separate links, each free to look at, replace or pass on the
 * decision of the links after it.
 *
 * <p>Links are stateless and shared by every run of a client; they are called on the thread driving the run.
 */
interface AttemptInterceptor {

    /**
     * Decides what the end of an attempt means.
     *
     * @param end how the attempt ended
     * @param chain the rest of the chain; {@code chain.proceed(end)} asks the next link
     */
    Decision intercept(AttemptEnd end, Chain chain);

    /** The links after the current one. */
    interface Chain {
        /** Passes the end to the next link and returns its decision. */
        Decision proceed(AttemptEnd end);
    }

    /** Returns the client's chain: hooks, then re-ask, then final validation. */
    static Chain standard() {
        return new LinkChain(List.of(new HookLink(), new ReaskLink(), new FinalValidation()), 0);
    }

    /** A chain over a fixed list of links. */
    record LinkChain(List<AttemptInterceptor> links, int index) implements Chain {
        @Override
        public Decision proceed(AttemptEnd end) {
            if (index >= links.size()) {
                throw new IllegalStateException("the last link must decide");
            }
            return links.get(index).intercept(end, new LinkChain(links, index + 1));
        }
    }
}
