package dev.instructor.internal.client;

import dev.instructor.AsyncPartialStream;
import dev.instructor.PartialUpdate;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.Usage;
import dev.instructor.internal.DaemonThreads;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import dev.instructor.spi.ProviderListener;
import dev.instructor.spi.ProviderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The reactive {@link AsyncPartialStream}: the run is driven by the provider's callbacks through a
 * {@link SerialDriver}, so no thread is held per stream. The stream is hot: the request is sent when it is created,
 * and subscribers see its state from when they subscribe.
 *
 * <p>What is kept: the latest update (earlier partials are conflated away), the list elements (bounded by the
 * answer, replayed to each elements subscriber from the first), and the outcome. A subscriber is never sent more
 * than it requested. Cancelling the last subscription, or {@link #cancel()}, aborts the provider request.
 *
 * <p>The outcome is recorded in an internal future that never leaves this class: {@link #finalResponse()} hands out
 * copies of it.
 */
final class PublishedPartialStream<T> implements AsyncPartialStream<T> {
    private final CallPlan<T> plan;
    private final ElementType elementType;
    private final SerialDriver driver = new SerialDriver();
    private final StructuredRun<T> run;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final List<Object> elements = new ArrayList<>(); // guarded by itself
    private final CopyOnWriteArrayList<Broadcast<?>> subscriptions = new CopyOnWriteArrayList<>();
    private final Executor flushes;
    private volatile Update<T> latest;
    private volatile Throwable failure;
    private volatile boolean terminated;
    private volatile boolean subscribedOnce;
    /**
     * The throttle's flush scheduled last, if any: cancelled when the stream ends, or another is scheduled, as it holds
     * the stream till it fires. Set and cancelled by the driver's steps only.
     */
    private volatile ScheduledFuture<?> scheduledFlush;

    /**
     * Creates a stream whose hand-offs and throttle's flushes run on the provider's executor, when its user gave it
     * one, so that subscribers are signalled there only; on pools of this class's otherwise.
     */
    PublishedPartialStream(CallPlan<T> plan) {
        this(plan, providersOr(plan, ThrottleTimer.FLUSHES));
    }

    /** Creates a stream whose throttle's flushes run on {@code flushes}: tests pass one that cannot start a thread. */
    PublishedPartialStream(CallPlan<T> plan, Executor flushes) {
        this.plan = plan;
        this.flushes = flushes;
        this.elementType = new ElementType(plan.model.type());
        this.run = new StructuredRun<>(plan, this::open, new State(), this::flushIn);
        Executor handOff = providersOr(plan, HandOff.INSTANCE);
        // The caller's thread starts the call and returns: what the provider delivers meanwhile is handled elsewhere,
        // so that streamAsync returns at once however fast the provider answers. No one has subscribed yet.
        driver.submitThenHandOff(
                guarded(run::start),
                steps -> handOff.execute(() -> {
                    try {
                        steps.run();
                    } finally {
                        drainSubscriptions(); // as a submitter does once its steps are run
                    }
                }));
    }

    /**
     * Returns the executor the provider's user gave it, if any, else {@code shared}; a task the provider's refuses (it
     * was shut down) goes to {@code shared}: a subscriber is signalled on the user's threads, or else on the library's
     * pools, rather than on a timer's thread or not at all.
     */
    private static Executor providersOr(CallPlan<?> plan, Executor shared) {
        return plan.provider()
                .callbackExecutor()
                .<Executor>map(own -> task -> {
                    try {
                        own.execute(task);
                    } catch (RejectedExecutionException e) {
                        shared.execute(task);
                    }
                })
                .orElse(shared);
    }

    /**
     * The threads that take over the events a provider delivered while {@code streamAsync} started its call, unless
     * the provider has an executor of its user's.
     */
    private static final class HandOff {
        static final ThreadPoolExecutor INSTANCE = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.named("instructor-stream-"));
    }

    private ProviderCall open(ProviderRequest request, int attempt) {
        return plan.provider().open(request, new ProviderListener() {
            @Override
            public void onEvent(ProviderEvent event) {
                submit(() -> run.onEvent(attempt, event));
            }

            @Override
            public void onComplete() {
                submit(() -> run.onComplete(attempt));
            }

            @Override
            public void onFailure(ProviderException failure) {
                submit(() -> run.onFailure(attempt, failure));
            }
        });
    }

    /** The run's throttle holds a partial back: show it later, through the driver, unless something newer comes. */
    private void flushIn(long nanos) {
        // One flush pending at a time: an earlier one, for a hold since released (a partial admitted, a re-ask), would
        // find nothing held or set itself again; left scheduled, it would hold an ended stream until it fired.
        cancelScheduledFlush();
        scheduledFlush = ThrottleTimer.INSTANCE.schedule(this::handOffFlush, nanos, TimeUnit.NANOSECONDS);
    }

    /** Drops the flush scheduled, if any: a stream that has ended shows no more partials. */
    private void cancelScheduledFlush() {
        ScheduledFuture<?> flush = scheduledFlush;
        if (flush != null) {
            flush.cancel(false); // the timer removes a cancelled task, and with it the stream it holds
        }
    }

    /**
     * On the timer's thread: hands the flush to a worker (the provider's executor, when its user gave it one), or runs
     * it here when none can be started.
     */
    private void handOffFlush() {
        try {
            flushes.execute(() -> submit(run::flushHeld));
        } catch (RuntimeException | Error e) {
            // Lost with the timer's task, the flush would leave the run holding a partial for good, and every later
            // one behind it until the final value: late, and on a thread other streams share, is better than never.
            submit(run::flushHeld);
        }
    }

    /**
     * One daemon thread for every stream's throttle, started when a throttled stream first needs it, and the workers
     * that run the flushes it releases. The timer only hands each flush over: a flush binds the partial held back,
     * which runs the caller's constructors, and the driver's trampoline then goes on with whatever that stream's
     * provider delivered meanwhile. A worker per flush under way (made on demand, gone after 30 s idle), so that
     * however many streams are slow, none holds up another's flush.
     */
    private static final class ThrottleTimer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();
        static final ThreadPoolExecutor FLUSHES = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.named("instructor-flush-"));

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer =
                    new ScheduledThreadPoolExecutor(1, DaemonThreads.named("instructor-throttle-"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /**
     * Runs a step of the run serially, then lets every subscriber take what it may: even past an Error that a
     * listener threw while the run failed, which ends the run and leaves no later step to tell them.
     */
    private void submit(Runnable step) {
        try {
            driver.submit(guarded(step));
        } finally {
            drainSubscriptions();
        }
    }

    private void drainSubscriptions() {
        for (Broadcast<?> subscription : subscriptions) {
            subscription.drain();
        }
    }

    private Runnable guarded(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                // A bug, or an Error out of the caller's code (a constructor, a validator), must not wedge the driver,
                // which would run none of this stream's later steps: fail the run instead, so that the steps already
                // queued (late deltas, the end of the call) find it done and start no re-ask. Abort first: a listener
                // may throw an Error out of fail too, and the call must stop all the same.
                run.abortCall();
                run.fail(e);
            }
        };
    }

    /** Records the run's output for the subscribers and the future; called by the driver. */
    private final class State implements Downstream<T> {
        @Override
        public void onUpdate(Update<T> update) {
            latest = update;
            if (update.isFinal()) {
                terminated = true;
                cancelScheduledFlush();
                future.complete(update.value());
            }
        }

        @Override
        public void onElement(Object element) {
            synchronized (elements) {
                elements.add(element);
            }
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            terminated = true;
            cancelScheduledFlush();
            future.completeExceptionally(error);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        attach(new PartialBroadcast<>(this, subscriber, PartialUpdate::value));
    }

    @Override
    public Flow.Publisher<PartialUpdate<T>> updates() {
        return subscriber -> attach(new PartialBroadcast<>(this, subscriber, Function.identity()));
    }

    @Override
    public <E> Flow.Publisher<E> elements(Class<E> type) {
        elementType.check(type);
        return subscriber -> attach(new ElementBroadcast<E>(this, subscriber));
    }

    @Override
    public <E> Flow.Publisher<E> elements(TypeRef<E> type) {
        elementType.check(Objects.requireNonNull(type, "elementType").type());
        return subscriber -> attach(new ElementBroadcast<E>(this, subscriber));
    }

    private void attach(Broadcast<?> subscription) {
        subscribedOnce = true;
        // Listed before onSubscribe, which may take its time on this thread: the last cancel of the others meanwhile
        // must not abort the call under it. It receives nothing before onSubscribe returns (see Broadcast.start), and
        // if it ends inside onSubscribe, detach forgets it as it does any other.
        subscriptions.add(subscription);
        subscription.start();
    }

    /**
     * Forgets a subscription; the last one cancelled aborts the call, with {@code cause} (what a subscriber dropped for
     * throwing threw, or null) as the cause of the cancellation, so that the caller can tell why it came.
     */
    void detach(Broadcast<?> subscription, boolean cancelled, Throwable cause) {
        subscriptions.remove(subscription);
        if (cancelled && subscribedOnce && subscriptions.isEmpty() && !terminated) {
            cancel(cause);
        }
    }

    /**
     * Hands out a future of its own to each caller, completed from the stream's: a caller that completes its copy
     * cannot change what other callers (the SSE adapter among them) see, and a copy failed before the stream ends
     * ({@code cancel}, {@code orTimeout}) cancels the stream, so the provider request does not run on unseen.
     */
    @Override
    public CompletableFuture<T> finalResponse() {
        CompletableFuture<T> copy = new CompletableFuture<>();
        // Not future.copy(): that wraps a failure in a CompletionException, and callers look at the failure's type.
        future.whenComplete((value, error) -> {
            if (error != null) {
                copy.completeExceptionally(error);
            } else {
                copy.complete(value);
            }
        });
        copy.whenComplete((value, error) -> {
            if (error != null && !terminated) {
                cancel();
            }
        });
        return copy;
    }

    @Override
    public ResponseModel<T> responseModel() {
        return plan.model;
    }

    @Override
    public Usage usage() {
        return run.usage();
    }

    @Override
    public List<Usage> usagePerAttempt() {
        return run.usagePerAttempt();
    }

    @Override
    public void cancel() {
        cancel(null);
    }

    private void cancel(Throwable cause) {
        run.abortCall(); // at once, whoever is driving the run
        submit(() -> run.cancel(
                cause == null ? "the stream was cancelled" : "the stream was cancelled: its last subscriber threw",
                cause));
    }

    Update<T> latest() {
        return latest;
    }

    Throwable failure() {
        return failure;
    }

    boolean terminated() {
        return terminated;
    }

    int elementCount() {
        synchronized (elements) {
            return elements.size();
        }
    }

    Object element(int index) {
        synchronized (elements) {
            return elements.get(index);
        }
    }

    @Override
    public String toString() {
        return "PublishedPartialStream[" + plan.model + ", " + (terminated ? "ended" : "running") + "]";
    }

    static <T> T requireSubscriber(T subscriber) {
        return Objects.requireNonNull(subscriber, "subscriber"); // Reactive Streams §1.9
    }
}
