package dev.instructor.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SerialDriverTest {
    private final SerialDriver driver = new SerialDriver();
    private final List<String> ran = new ArrayList<>();

    @Test
    void submitThenHandOff_runsItsTaskHere_andLeavesWhatCameMeanwhileToTheHandOff() {
        List<Runnable> handedOff = new ArrayList<>();
        Executor later = handedOff::add;

        driver.submitThenHandOff(
                () -> {
                    ran.add("start");
                    driver.submit(() -> ran.add("event 1")); // as a provider delivering during the start
                    driver.submit(() -> ran.add("event 2"));
                },
                later);

        assertThat(ran).containsExactly("start");
        assertThat(handedOff).hasSize(1);
        driver.submit(() -> ran.add("event 3")); // the hand-off has not run: this thread must not run it either
        assertThat(ran).containsExactly("start");

        handedOff.get(0).run();
        assertThat(ran).containsExactly("start", "event 1", "event 2", "event 3");
        driver.submit(() -> ran.add("event 4"));
        assertThat(ran).as("the driver is free again").endsWith("event 4");
    }

    @Test
    void submitThenHandOff_withNothingMeanwhile_handsNothingOver() {
        List<Runnable> handedOff = new ArrayList<>();

        driver.submitThenHandOff(() -> ran.add("start"), handedOff::add);
        driver.submit(() -> ran.add("event"));

        assertThat(handedOff).isEmpty();
        assertThat(ran).containsExactly("start", "event");
    }

    @Test
    void submitThenHandOff_whoseHandOffRefuses_runsTheRestHere() {
        driver.submitThenHandOff(
                () -> {
                    ran.add("start");
                    driver.submit(() -> ran.add("event"));
                },
                task -> {
                    throw new RejectedExecutionException("no thread");
                });

        assertThat(ran).containsExactly("start", "event");
        driver.submit(() -> ran.add("later"));
        assertThat(ran).endsWith("later");
    }

    @Test
    void submit_aTaskThatThrowsAnError_leavesTheDriverFree() {
        assertThatThrownBy(() -> driver.submit(() -> {
                    throw new StackOverflowError("a listener recursed too deep");
                }))
                .isInstanceOf(StackOverflowError.class);

        driver.submit(() -> ran.add("later"));
        assertThat(ran).containsExactly("later");
    }

    @Test
    void submit_aTaskThatThrowsAnError_stillRunsTheTasksHandedToItsThread() {
        assertThatThrownBy(() -> driver.submit(() -> {
                    driver.submit(() -> ran.add("handed over")); // as another thread's, left to this one
                    throw new StackOverflowError("a listener recursed too deep");
                }))
                .isInstanceOf(StackOverflowError.class);

        assertThat(ran).containsExactly("handed over");
        driver.submit(() -> ran.add("later"));
        assertThat(ran).endsWith("later");
    }

    @Test
    void submitThenHandOff_whoseTaskThrowsAnError_handsTheRestOverAndLeavesTheDriverFree() {
        List<Runnable> handedOff = new ArrayList<>();

        assertThatThrownBy(() -> driver.submitThenHandOff(
                        () -> {
                            driver.submit(() -> ran.add("event"));
                            throw new StackOverflowError("a constructor recursed too deep");
                        },
                        handedOff::add))
                .isInstanceOf(StackOverflowError.class);

        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(ran).containsExactly("event");
        driver.submit(() -> ran.add("later"));
        assertThat(ran).endsWith("later");
    }

    @Test
    void submitThenHandOff_whoseHandOffCannotStartAThread_runsTheRestHere() {
        driver.submitThenHandOff(
                () -> {
                    ran.add("start");
                    driver.submit(() -> ran.add("event"));
                },
                task -> {
                    throw new OutOfMemoryError("unable to create native thread");
                });

        assertThat(ran).containsExactly("start", "event");
        driver.submit(() -> ran.add("later"));
        assertThat(ran).endsWith("later");
    }
}
