package dev.instructor.internal.client;

import dev.instructor.FailedAttempt;
import dev.instructor.InstructorListener;
import dev.instructor.PartialResult;
import dev.instructor.Usage;
import dev.instructor.internal.binding.CompletedItems;
import dev.instructor.spi.Message;
import dev.instructor.spi.ProviderCall;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

/**
 * One structured call across its attempts: opens the provider call of each attempt, turns its events into partials
 * and list elements, aborts it when fail-fast finds a broken constraint, and asks the {@link AttemptInterceptor}
 * chain what each attempt's end means: accept, re-ask or fail.
 *
 * <p>Not thread-safe: the front drives it one call at a time (the caller's thread for a blocking stream; for a
 * reactive one, whichever thread runs its {@link SerialDriver}: an HTTP client's or the throttle's timer's). Only
 * {@link #usage()}, {@link #usagePerAttempt()} and {@link #abortCall()} may be called from any thread.
 *
 * <p>Elements: list items are delivered in order, once per index and run, when complete and unbroken. After a
 * re-ask, or a wrapper member the model writes again, the new list's items continue from the first index not yet
 * delivered; the final value is the source of truth.
 */
final class StructuredRun<T> {
    private static final System.Logger LOG = System.getLogger("dev.instructor.Instructor");

    private final CallPlan<T> plan;
    private final CallOpener opener;
    private final Downstream<T> out;
    private final AttemptInterceptor.Chain chain;
    private final InstructorListener listener;
    private final Throttle throttle;
    private final List<Message> conversation;
    private final List<FailedAttempt> failedAttempts = new ArrayList<>();
    private final CopyOnWriteArrayList<Usage> usages = new CopyOnWriteArrayList<>();
    /** The position of the next item to hand out: in the list, or among a set's completed items. */
    private int nextItem;
    /** The items of a set handed out so far, so that the final value hands out only the others. */
    private final Set<Object> handedOut = new HashSet<>();

    private final FlushTimer timer;
    private volatile Attempt<T> current;
    /** The partial held back by the throttle; null while {@link #holding} means the latest snapshot, not bound yet. */
    private Attempt.Pending<T> held;

    private boolean holding;
    private boolean done;
    /** What the run failed with, or null. */
    private Throwable failure;

    /** Calls {@link #flushHeld()} after a delay, on the thread that drives the run. */
    @FunctionalInterface
    interface FlushTimer {
        void flushIn(long nanos);
    }

    StructuredRun(CallPlan<T> plan, CallOpener opener, Downstream<T> out, FlushTimer timer) {
        this.plan = plan;
        this.timer = timer;
        this.opener = opener;
        this.out = out;
        this.chain = AttemptInterceptor.standard();
        this.listener = plan.listener;
        this.throttle = new Throttle(plan.partialInterval, plan.settings.nanoClock());
        this.conversation = new ArrayList<>(plan.request.messages());
    }

    /** Sends the first request. */
    void start() {
        startAttempt(1);
    }

    boolean isDone() {
        return done;
    }

    Usage usage() {
        Usage total = Usage.ZERO;
        for (Usage usage : usages) {
            total = total.plus(usage);
        }
        return total;
    }

    List<Usage> usagePerAttempt() {
        return List.copyOf(usages);
    }

    /** Aborts the running provider call, from any thread; the front then calls {@link #cancel}. */
    void abortCall() {
        Attempt<T> attempt = current;
        if (attempt != null) {
            attempt.cancel();
        }
    }

    /** Ends the run as cancelled by the caller. */
    void cancel(String why) {
        cancel(why, null);
    }

    /** Ends the run as cancelled, {@code cause} (or null) being what made the caller's side cancel it. */
    void cancel(String why, Throwable cause) {
        abortCall();
        if (!done) {
            CancellationException cancellation = new CancellationException(why);
            if (cause != null) {
                cancellation.initCause(cause);
            }
            fail(cancellation);
        }
    }

    void onEvent(int attempt, ProviderEvent event) {
        Attempt<T> running = current;
        if (done || running == null || running.number != attempt) {
            return; // a late event of an aborted attempt
        }
        listener.onProviderEvent(event, attempt);
        if (event instanceof ProviderEvent.TextDelta delta) {
            onText(running, delta.text());
        } else if (event instanceof ProviderEvent.ToolCall call) {
            running.toolCall(call.id(), call.signature());
        } else if (event instanceof ProviderEvent.Usage usage) {
            Usage counted = new Usage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens());
            running.usage(counted);
            usages.set(attempt - 1, counted);
            listener.onUsage(counted, attempt);
        }
    }

    void onComplete(int attempt) {
        if (!done && current != null && current.number == attempt) {
            decide(current.end(List.of(), null, List.copyOf(failedAttempts), usage()));
        }
    }

    void onFailure(int attempt, ProviderException failure) {
        if (!done && current != null && current.number == attempt) {
            decide(current.end(List.of(), failure, List.copyOf(failedAttempts), usage()));
        }
    }

    private void startAttempt(int number) {
        Attempt<T> attempt = new Attempt<>(number, plan);
        usages.add(Usage.ZERO);
        current = attempt;
        var request = plan.providerRequest(conversation);
        listener.onRequest(request, number);
        ProviderCall call;
        try {
            call = opener.open(request, number);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        attempt.attach(call);
        if (done || current != attempt) {
            call.cancel(); // the call failed or was cancelled while it was being opened
        }
    }

    private void onText(Attempt<T> attempt, String delta) {
        Attempt.Fed fed = attempt.feed(delta);
        if (fed == null) {
            return;
        }
        if (fed.restarted()) {
            restartDistinctItems();
        }
        if (plan.failFast && !fed.violations().isEmpty()) {
            // Abort first: every chunk the model writes from here on is wasted.
            attempt.cancel();
            decide(attempt.end(fed.violations(), null, List.copyOf(failedAttempts), usage()));
            return;
        }
        if (!fed.completedItem() && throttle.nanosUntilOpen() > 0) {
            // Nothing to hand out and nothing to show before the interval ends: bind then, from the latest snapshot,
            // rather than after every chunk (a String being written is copied whole into every partial bound).
            hold(null);
            return;
        }
        Optional<PartialResult<T>> result = attempt.bind();
        if (result.isEmpty()) {
            return;
        }
        deliverItems(result.get().value(), attempt::isValidCompleteItem);
        Attempt.Pending<T> pending = attempt.pending(result.get());
        if (pending == null) {
            return;
        }
        if (throttle.admit()) {
            held = null;
            holding = false;
            show(attempt.show(pending));
        } else {
            hold(pending);
        }
    }

    /**
     * Holds back the latest partial until the interval ends: {@code pending}, or with null the latest snapshot, to be
     * bound then.
     */
    private void hold(Attempt.Pending<T> pending) {
        boolean scheduled = holding;
        held = pending;
        holding = true;
        if (!scheduled) {
            timer.flushIn(throttle.nanosUntilOpen());
        }
    }

    /** Shows the partial held back by the throttle, if it is still the latest; the front's timer calls this. */
    void flushHeld() {
        if (!holding || done) {
            return;
        }
        long wait = throttle.nanosUntilOpen();
        if (wait > 0) {
            timer.flushIn(wait); // a timer set for an earlier hold fired first
            return;
        }
        Attempt.Pending<T> pending = held;
        held = null;
        holding = false;
        if (pending == null) {
            // Held unbound: bind the latest snapshot now. It completed nothing that was not handed out already.
            pending = current.bind().map(current::pending).orElse(null);
            if (pending == null) {
                return; // no partial, or the same as the one shown last
            }
        }
        throttle.admit();
        show(current.show(pending));
    }

    private void show(Update<T> update) {
        listener.onPartial(update);
        out.onUpdate(update);
    }

    private void decide(AttemptEnd end) {
        Decision decision = chain.proceed(end);
        if (decision instanceof Decision.Accept accept) {
            @SuppressWarnings("unchecked")
            T value = (T) accept.value();
            deliverItems(value, null);
            Update<T> last = current.finalUpdate(value, accept.document());
            held = null;
            holding = false;
            show(last);
            // Done once shown: a listener's VirtualMachineError out of show, which Listeners lets through, must still
            // fail the run (see fail), or the final value never reaches the caller and the stream never ends.
            done = true;
            // Told only now, so that a run failed by that Error tells its listeners of the failure alone.
            listener.onComplete(value, end.totalUsage());
        } else if (decision instanceof Decision.Reask reask) {
            held = null; // a partial of the rejected attempt is stale
            holding = false;
            failedAttempts.add(reask.rejected());
            conversation.addAll(reask.turns());
            restartDistinctItems();
            startAttempt(end.attempt() + 1);
        } else if (decision instanceof Decision.Fail fail) {
            fail(fail.error());
        }
    }

    /**
     * Looks at the items of a new list (a re-ask's, or a wrapper the model wrote again) from its first when they form a
     * set: a set hands each item out once by value, so those equal to one handed out are passed over, and the others
     * need not wait for the final value. A list goes on from the first index not handed out.
     */
    private void restartDistinctItems() {
        if (!handedOut.isEmpty()) {
            nextItem = 0;
        }
    }

    /**
     * Ends the run with {@code error}, unless it has ended already. Done first: an Error a listener throws here reaches
     * the front, whose own call to this method then finds the run ended with {@code error} and tells no one twice.
     */
    void fail(Throwable error) {
        if (done) {
            if (error != failure) {
                // Mostly a listener's VirtualMachineError, which Listeners lets through, from onComplete or onError;
                // else a step that failed once the run had ended. Too late to change the outcome; dropped silently, it
                // would never be seen.
                LOG.log(Level.ERROR, "an error after the call ended (a listener's, or a late step's)", error);
            }
            return;
        }
        done = true;
        failure = error;
        try {
            listener.onError(error);
        } finally {
            out.onError(error); // even past a listener's VirtualMachineError: the run is done, the caller must hear
        }
    }

    /**
     * Hands out the items of a collection value that are complete and passed the streaming checks ({@code ready}, by
     * index in the JSON array), in order, each once; with {@code ready} null (the accepted final value), all the rest.
     */
    private void deliverItems(Object value, IntPredicate ready) {
        if (value instanceof List<?> list) {
            if (list.size() <= nextItem) {
                return; // nothing new: checked first, as this runs after every chunk
            }
            if (!(list instanceof RandomAccess)) {
                deliverSequentialItems(list, ready);
                return;
            }
            // The partials' own lists (views, no allocation here) and ArrayList: get is O(1).
            while (nextItem < list.size() && (ready == null || ready.test(nextItem)) && list.get(nextItem) != null) {
                out.onElement(list.get(nextItem++));
            }
        } else if (value instanceof Collection<?> items) {
            deliverDistinctItems(items, ready);
        }
    }

    /**
     * Hands out the items of a list without random access ({@code LinkedList}), as {@link #deliverItems} does, through
     * one iterator from the first item not handed out: a {@code get} per item would walk the list each time, O(items²)
     * for a chunk or a final value that brings many. The iterator starts from the nearer end, so it costs the items not
     * handed out yet; and it is made only when one is ready, not after every chunk.
     */
    private void deliverSequentialItems(List<?> list, IntPredicate ready) {
        if (ready != null && !ready.test(nextItem)) {
            return;
        }
        ListIterator<?> items = list.listIterator(nextItem);
        while (items.hasNext() && (ready == null || ready.test(nextItem))) {
            Object item = items.next();
            if (item == null) {
                return;
            }
            nextItem++;
            out.onElement(item);
        }
    }

    /**
     * A set drops an item equal to an earlier one, so its positions are not the JSON array's: while streaming, its
     * completed items are found through {@link CompletedItems}, each with the JSON index it came from; the final value
     * (Jackson's own set, in another order) hands out the items not handed out yet.
     */
    private void deliverDistinctItems(Collection<?> items, IntPredicate ready) {
        if (ready == null) {
            for (Object item : items) {
                if (item != null && handedOut.add(item)) {
                    out.onElement(item);
                }
            }
            return;
        }
        if (!(items instanceof CompletedItems completed)) {
            return;
        }
        while (nextItem < completed.completedCount() && ready.test(completed.sourceIndex(nextItem))) {
            Object item = completed.completedItem(nextItem++);
            if (item != null && handedOut.add(item)) {
                out.onElement(item);
            }
        }
    }
}
