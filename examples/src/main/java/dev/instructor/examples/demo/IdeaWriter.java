package dev.instructor.examples.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The offline model's imagination: composes plausible ideas for a topic from its own words and a few templates,
 * with a random generator seeded by the topic and count, so the same request always gets the same ideas. Titles
 * are distinct and every blurb fits the {@link Idea} model's 140 characters.
 */
final class IdeaWriter {
    static final int MAX_BLURB = 140;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "the", "for", "with", "of", "to", "in", "on", "at", "by", "or", "my", "our", "your",
            "ideas", "idea", "some", "new", "about", "from", "into", "that", "this");
    private static final List<String> NOUNS = List.of(
            "Club",
            "Lab",
            "Sprint",
            "Atlas",
            "Studio",
            "Pulse",
            "Quest",
            "Circle",
            "Compass",
            "Kit",
            "Radar",
            "Garden",
            "Market",
            "Relay",
            "Playbook",
            "Passport",
            "Swap",
            "Hour",
            "Jam",
            "League");
    private static final List<String> ADJECTIVES = List.of(
            "Pocket",
            "Midnight",
            "Weekend",
            "Tiny",
            "Open",
            "Slow",
            "Smart",
            "Pop-up",
            "Neighbourhood",
            "Seasonal",
            "Remix",
            "Daily",
            "Zero-waste",
            "Secret",
            "Shared");
    private static final List<String> TITLES =
            List.of("{K} {N}", "{A} {K}", "The {K} {N}", "{K} in {M} Minutes", "{K}, Unboxed", "{A} {K} {N}");
    private static final List<String> BLURBS = List.of(
            "A weekly {t} challenge that rewards small streaks and shares the best results with everyone.",
            "Pair beginners with seasoned fans of {k} for short, friendly sessions that build real skills.",
            "Turn {t} into a pop-up event where visitors try, vote on and take home their favourite.",
            "A pocket guide to {t} with one surprising tip a day, tuned to what you already like.",
            "Let people swap their own {k} tricks on a live map, sorted by neighbourhood and season.",
            "Bundle {t} with a playful quiz that suggests what to try next from three quick answers.",
            "A monthly box of {t} essentials, curated around a theme the members vote for.",
            "Host a one-hour {k} sprint: teams pitch, build and demo a tiny idea before the timer ends.",
            "Open a small studio where {t} meets local artists, with a new collaboration every month.",
            "A calm, ad-free app that tracks your {k} habits and celebrates progress without nagging.",
            "Run a {k} swap night: bring one, take one, and leave a note on why you loved it.",
            "A short daily newsletter on {t}: one story, one number, one thing to try today.",
            "Gamify {t} with badges for firsts, so newcomers feel welcome and regulars keep exploring.",
            "A {k} starter kit for families, with cards that turn ten spare minutes into a shared project.",
            "Invite experts to answer {t} questions live, then publish the best answers as a searchable FAQ.",
            "Partner with cafés to host {k} corners where people can try things out before they commit.",
            "A seasonal {t} calendar that suggests one idea a week and reminds you at the right moment.",
            "Crowdsource the best {k} hacks and rank them by votes, effort and how much they save.");

    private IdeaWriter() {}

    /** Returns exactly {@code count} ideas for {@code topic}. */
    static List<Idea> write(String topic, int count) {
        Random random = new Random(topic.toLowerCase(Locale.ROOT).hashCode() * 31L + count);
        List<String> keywords = keywords(topic);
        List<String> blurbs = new ArrayList<>(BLURBS);
        Set<String> titles = new LinkedHashSet<>();
        List<Idea> ideas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String keyword = keywords.get(random.nextInt(keywords.size()));
            String title = title(keyword, random);
            for (int tries = 0; !titles.add(title); tries++) {
                // Distinct titles; after a few collisions a number makes it distinct for sure.
                title = tries < 8
                        ? title(keywords.get(random.nextInt(keywords.size())), random)
                        : title + " " + (i + 1);
            }
            if (blurbs.isEmpty()) {
                blurbs.addAll(BLURBS);
            }
            String template = blurbs.remove(random.nextInt(blurbs.size()));
            ideas.add(new Idea(title, blurb(template, topic, keyword)));
        }
        return ideas;
    }

    private static String title(String keyword, Random random) {
        return pick(TITLES, random)
                .replace("{K}", capitalized(keyword))
                .replace("{N}", pick(NOUNS, random))
                .replace("{A}", pick(ADJECTIVES, random))
                .replace("{M}", String.valueOf(5 * (1 + random.nextInt(6))));
    }

    /** Fills a template with the whole topic when it fits, else with one keyword, else cuts at a word. */
    static String blurb(String template, String topic, String keyword) {
        String full = template.replace("{t}", topic.toLowerCase(Locale.ROOT)).replace("{k}", keyword);
        if (full.length() <= MAX_BLURB) {
            return full;
        }
        String withKeyword = template.replace("{t}", keyword).replace("{k}", keyword);
        if (withKeyword.length() <= MAX_BLURB) {
            return withKeyword;
        }
        int cut = withKeyword.lastIndexOf(' ', MAX_BLURB - 1);
        return withKeyword.substring(0, cut > 0 ? cut : MAX_BLURB - 1) + "…";
    }

    static List<String> keywords(String topic) {
        List<String> words = new ArrayList<>();
        for (String word : topic.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'-]+")) {
            if (word.length() >= 3
                    && word.chars().anyMatch(Character::isLetterOrDigit)
                    && !STOP_WORDS.contains(word)
                    && !words.contains(word)) {
                words.add(word.length() > 30 ? word.substring(0, cutBefore(word, 30)) : word);
            }
        }
        return words.isEmpty() ? List.of("idea") : words;
    }

    // Never between the two halves of a character outside the BMP: half of one cannot be written as UTF-8.
    private static int cutBefore(String text, int index) {
        return Character.isLowSurrogate(text.charAt(index)) && Character.isHighSurrogate(text.charAt(index - 1))
                ? index - 1
                : index;
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}
