package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static dev.instructor.it.SeedModels.EXPECTED_MOVIES;
import static dev.instructor.it.SeedModels.EXPECTED_RECIPES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.AsyncPartialStream;
import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.it.SeedModels.Idea;
import dev.instructor.it.SeedModels.MovieRecommendation;
import dev.instructor.it.SeedModels.Recipe;
import dev.instructor.testing.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed chapter's three programs, with every provider and mode, against scripted answers in each provider's wire
 * format: partials grow as the chapter shows, and the final value is the expected object.
 */
class SeedProgramsTest {
    @RegisterExtension
    final ProviderServer server = ProviderServer.anySetup();

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void ideas_partialsGrowToTheValidatedList(ProviderSetup setup) {
        server.enqueue(setup.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "call_ideas", 5)
                .randomSplits(setup.ordinal(), 48));
        Instructor client = server.client(setup);
        List<List<Idea>> partials = new ArrayList<>();
        List<Idea> ideas;

        try (PartialStream<List<Idea>> stream = client.responses().stream(
                setup.request("Generate 3 marketing ideas for a note-taking app")
                        .build(),
                SeedModels.IDEAS)) {
            for (List<Idea> partial : stream) {
                partials.add(partial);
            }
            ideas = stream.getFinalResponse();
            assertThat(stream.usage().totalTokens())
                    .isEqualTo(ProviderSetup.INPUT_TOKENS + ProviderSetup.OUTPUT_TOKENS);
        }

        assertThat(ideas).isEqualTo(EXPECTED_IDEAS);
        assertThat(partials).last().isEqualTo(EXPECTED_IDEAS);
        Growth.assertGrowsToward(partials, EXPECTED_IDEAS);
        // As in the chapter: the list grows one item at a time and each item fills in before the next appears.
        // (An empty list may come first, when the wrapper's bracket arrives before the first item.)
        assertThat(partials.stream().map(List::size).distinct().filter(size -> size > 0))
                .containsExactly(1, 2, 3);
        assertThat(partials).anySatisfy(p -> assertThat(p).hasSize(1).first().satisfies(idea -> {
            assertThat(idea.title()).isEqualTo("Note Ninja");
            assertThat(idea.blurb()).isNotEqualTo(EXPECTED_IDEAS.get(0).blurb());
        }));
        RecordedRequest request = server.takeRequest();
        assertThat(request.bodyText()).contains("Generate 3 marketing ideas for a note-taking app");
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void movies_asyncStreamShowsTitlesAsTheyArrive(ProviderSetup setup) throws Exception {
        // Paced, so that the answer takes a while and the subscriber below sees it arrive movie by movie.
        server.enqueue(setup.response(SeedModels.answer(EXPECTED_MOVIES), "ListOfMovieRecommendation", "call_movies", 7)
                .randomSplits(setup.ordinal() + 100, 512)
                .pacing(Duration.ofMillis(1)));
        Instructor client = server.client(setup);
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch partialsDone = new CountDownLatch(1);

        AsyncPartialStream<List<MovieRecommendation>> stream = client.responses()
                .streamAsync(
                        setup.request("Recommend 5 sci-fi movies. For each, explain why it's great.")
                                .build(),
                        SeedModels.MOVIES);
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<MovieRecommendation> partial) {
                MovieRecommendation latest = partial.isEmpty() ? null : partial.get(partial.size() - 1);
                if (latest != null && latest.title() != null && !latest.title().isEmpty()) {
                    lines.add(partial.size() - 1 + ":" + latest.title());
                }
            }

            @Override
            public void onError(Throwable throwable) {
                partialsDone.countDown();
            }

            @Override
            public void onComplete() {
                partialsDone.countDown();
            }
        });
        BackpressureTest.SlowSubscriber<MovieRecommendation> arrived = new BackpressureTest.SlowSubscriber<>(1);
        stream.elements(MovieRecommendation.class).subscribe(arrived);
        List<MovieRecommendation> recommendations = stream.finalResponse().get(10, TimeUnit.SECONDS);

        assertThat(recommendations).isEqualTo(EXPECTED_MOVIES);
        assertThat(partialsDone.await(10, TimeUnit.SECONDS)).isTrue();
        // "Streaming: <title> ...", in order; titles only ever grow toward the real one. The stream is hot and
        // conflates partials its subscriber has no time for, so a title may be skipped (one that arrived before the
        // subscription, or while the subscriber was busy), but the final one is always shown.
        int lastIndex = 0;
        for (String line : lines) {
            int index = Integer.parseInt(line.substring(0, line.indexOf(':')));
            assertThat(index).isGreaterThanOrEqualTo(lastIndex);
            assertThat(EXPECTED_MOVIES.get(index).title()).startsWith(line.substring(line.indexOf(':') + 1));
            lastIndex = index;
        }
        assertThat(lines).last().isEqualTo("4:" + EXPECTED_MOVIES.get(4).title());
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(':'))).distinct())
                .as("partials of more than one movie")
                .hasSizeGreaterThan(1);
        // Elements are never dropped: every movie arrives once, complete, in order.
        assertThat(arrived.done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(arrived.error).isNull();
        assertThat(arrived.received).containsExactlyElementsOf(EXPECTED_MOVIES);
    }

    @ParameterizedTest
    @EnumSource(ProviderSetup.class)
    void recipes_newItemsDetectedByElementsAndByPartialLength(ProviderSetup setup) {
        String answer = SeedModels.answer(EXPECTED_RECIPES);
        server.enqueue(setup.response(answer, "ListOfRecipe", "call_recipes_1", 6));
        server.enqueue(
                setup.response(answer, "ListOfRecipe", "call_recipes_2", 6).randomSplits(setup.ordinal() + 200, 24));
        Instructor client = server.client(setup);
        var request = setup.request("Give me 4 quick weeknight dinner recipes.").build();

        List<Recipe> viaElements = new ArrayList<>();
        try (PartialStream<List<Recipe>> stream = client.responses().stream(request, SeedModels.RECIPES)) {
            for (Recipe recipe : stream.elements(Recipe.class)) {
                viaElements.add(recipe);
            }
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_RECIPES);
        }

        // The chapter's loop: when the list grows, every item before the newest one is complete.
        List<Recipe> viaLength = new ArrayList<>();
        int seenCount = 0;
        try (PartialStream<List<Recipe>> stream = client.responses().stream(request, SeedModels.RECIPES)) {
            for (List<Recipe> partial : stream) {
                for (; seenCount < partial.size() - 1; seenCount++) {
                    viaLength.add(partial.get(seenCount));
                }
            }
            List<Recipe> finalRecipes = stream.getFinalResponse();
            viaLength.addAll(finalRecipes.subList(seenCount, finalRecipes.size()));
        }

        assertThat(viaElements).isEqualTo(EXPECTED_RECIPES);
        assertThat(viaLength).isEqualTo(EXPECTED_RECIPES);
    }
}
