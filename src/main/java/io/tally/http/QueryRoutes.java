package io.tally.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.tokenizer.QueryWord;
import io.tally.tokenizer.Tokenizer;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /counts/{word}} and {@code GET /top?n=N}: live counts of the paths a server
 * answers for. With one path the answers are {@code {"word": w, "count": c}} and a list of
 * those; with several (the demo), {@code ?path=streams|shared} picks one, and without it the
 * answer holds every path: {@code {"word": w, "counts": {"streams": c, "shared": c}}} and
 * {@code {"streams": [...], "shared": [...]}}. {@code scope=local} keeps the streams path
 * from forwarding, which is how instances ask each other.
 */
final class QueryRoutes {

    static final String PATH = "path";
    static final String SCOPE = "scope";
    static final String N = "n";
    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 10_000;

    private final PathViews views;
    private final Tokenizer tokenizer;

    QueryRoutes(PathViews views, Tokenizer tokenizer) {
        this.views = views;
        this.tokenizer = tokenizer;
    }

    /** Adds both routes to {@code routes}. */
    Routes addTo(Routes routes) {
        return routes.withParameter("counts", this::counts).exact("/top", this::top);
    }

    private void counts(RequestTarget target, Exchange exchange) {
        target.allowOnly(Set.of(PATH, SCOPE));
        String word = normalise(target.segments().get(1));
        boolean local = localOnly(target);
        List<String> paths = chosenPaths(target);
        if (paths.size() == 1) {
            long count = views.view(paths.get(0)).count(word, local);
            exchange.json(Json.object().put("word", word).put("count", count));
            return;
        }
        ObjectNode counts = Json.object();
        paths.forEach(path -> counts.put(path, views.view(path).count(word, local)));
        ObjectNode answer = Json.object().put("word", word);
        answer.set("counts", counts);
        exchange.json(answer);
    }

    private void top(RequestTarget target, Exchange exchange) {
        target.allowOnly(Set.of(N, PATH, SCOPE));
        int n = topN(target.param(N, Integer.toString(DEFAULT_TOP)));
        boolean local = localOnly(target);
        List<String> paths = chosenPaths(target);
        if (paths.size() == 1) {
            exchange.json(views.view(paths.get(0)).top(n, local));
            return;
        }
        ObjectNode answer = Json.object();
        paths.forEach(path -> answer.set(path,
            Json.MAPPER.valueToTree(views.view(path).top(n, local))));
        exchange.json(answer);
    }

    private List<String> chosenPaths(RequestTarget target) {
        String path = target.params().get(PATH);
        return path == null ? views.paths() : List.of(views.named(path));
    }

    private static boolean localOnly(RequestTarget target) {
        String scope = target.param(SCOPE, "all");
        if (!scope.equals("all") && !scope.equals("local")) {
            throw HttpProblem.badRequest("scope must be 'all' (the default) or 'local', not '"
                + scope + "'.");
        }
        return scope.equals("local");
    }

    private static int topN(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_TOP) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the same message as a number out of range.
        }
        throw HttpProblem.badRequest("n must be a whole number from 1 to " + MAX_TOP + ", not '"
            + text + "'. For example /top?n=10.");
    }

    /** The word as the paths count it, by the same rule as {@code tally counts --word}. */
    private String normalise(String text) {
        QueryWord query = QueryWord.parse(tokenizer, text);
        if (query.isOneWord()) {
            return query.word();
        }
        String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
        if (query.words().isEmpty() && query.tooLong() > 0) {
            throw HttpProblem.badRequest("'" + shown + "' is longer than the longest word"
                + " counted (" + tokenizer.maxWordLength() + " code points,"
                + " tally.word.max.length), so it is never counted. Ask for a shorter word.");
        }
        if (query.words().isEmpty()) {
            throw HttpProblem.badRequest("'" + shown + "' holds no word by the tokenizer's rule"
                + " (a word is a run of letters, marks and digits). Ask for a word, for example"
                + " /counts/kafka.");
        }
        throw HttpProblem.badRequest("'" + shown + "' holds " + query.words().size() + " words"
            + " by the tokenizer's rule (" + String.join(", ", query.words()) + "). Ask for one"
            + " at a time, for example /counts/" + PeerClient.encode(query.words().get(0))
            + ".");
    }
}
