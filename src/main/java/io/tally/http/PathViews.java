package io.tally.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The counting paths a server answers for, each with its view once the path runs. A server
 * knows its paths from the start, so that a question for a path that has not started yet is a
 * 503 (ask again) rather than a 404 (never here).
 *
 * <p>Concurrency: the set of paths is fixed at construction; each view is published through
 * an {@link AtomicReference}, set by the thread that starts the path and read by request
 * threads.
 */
public final class PathViews {

    private final Map<String, AtomicReference<CountsView>> views = new LinkedHashMap<>();

    /** A server for {@code paths}, none of them serving yet. */
    public PathViews(List<String> paths) {
        paths.forEach(path -> views.put(path, new AtomicReference<>()));
    }

    /** Starts answering for {@code view}'s path. */
    public void serve(CountsView view) {
        slot(view.path()).set(view);
    }

    /** Stops answering for {@code path}, for example while it stops. */
    public void withdraw(String path) {
        slot(path).set(null);
    }

    /** The paths, in the order given. */
    public List<String> paths() {
        return List.copyOf(views.keySet());
    }

    /** Whether {@code path} answers now. */
    public boolean serving(String path) {
        return slot(path).get() != null;
    }

    /** The view of {@code path}, or a 503 when it does not answer yet. */
    CountsView view(String path) {
        CountsView view = slot(path).get();
        if (view == null) {
            throw HttpProblem.unavailable("The " + path + " path has not started yet, or is"
                + " stopping. Ask again shortly.");
        }
        return view;
    }

    /** The path a request names with {@code ?path=}, checked against the served ones. */
    String named(String path) {
        if (views.containsKey(path)) {
            return path;
        }
        if (path.equals("streams") || path.equals("shared")) {
            throw HttpProblem.notFound("This server answers for the " + String.join(" and ",
                views.keySet()) + " path only; ask the server of the " + path + " path.");
        }
        throw HttpProblem.badRequest("Unknown path '" + path + "'. Use path="
            + String.join(" or path=", views.keySet()) + ".");
    }

    private AtomicReference<CountsView> slot(String path) {
        AtomicReference<CountsView> slot = views.get(path);
        if (slot == null) {
            throw new IllegalArgumentException("Not a path of this server: " + path);
        }
        return slot;
    }
}
