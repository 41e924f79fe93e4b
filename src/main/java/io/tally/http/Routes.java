package io.tally.http;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server's routes: exact paths such as {@code /top}, and one-parameter paths such as
 * {@code /counts/{word}}. A request for any other path is a 404. Paths match segment by
 * segment after decoding, so an encoded slash ({@code %2F}) never acts as a separator.
 */
public final class Routes {

    private final Map<List<String>, Route> exact = new LinkedHashMap<>();
    private final Map<String, Route> withParameter = new LinkedHashMap<>();

    /** Serves {@code path}, for example {@code "/top"} or {@code "/"}. */
    Routes exact(String path, Route route) {
        exact.put(segmentsOf(path), route);
        return this;
    }

    /** Serves {@code /first/{parameter}}. */
    Routes withParameter(String first, Route route) {
        withParameter.put(first, route);
        return this;
    }

    Route find(RequestTarget target) {
        List<String> segments = target.segments();
        Route route = exact.get(segments);
        if (route == null && segments.size() == 2) {
            route = withParameter.get(segments.get(0));
        }
        if (route == null) {
            throw HttpProblem.notFound("Nothing is served at this path. Routes: "
                + String.join(", ", paths()) + ".");
        }
        return route;
    }

    private static List<String> segmentsOf(String path) {
        return path.equals("/") ? List.of() : Arrays.asList(path.substring(1).split("/"));
    }

    private List<String> paths() {
        return Stream.concat(exact.keySet().stream().map(s -> "/" + String.join("/", s)),
            withParameter.keySet().stream().map(first -> "/" + first + "/{word}")).toList();
    }
}
