package gomikrobot.gateway;

import com.sun.net.httpserver.HttpExchange;
import gomikrobot.json.JsonObject;
import gomikrobot.scheduler.Caller;
import gomikrobot.scheduler.JobRefused;
import gomikrobot.scheduler.JobRequest;
import gomikrobot.scheduler.JobView;
import gomikrobot.scheduler.Jobs;
import gomikrobot.scheduler.Scheduler;
import gomikrobot.timeline.ScheduledJob;
import java.io.IOException;
import java.util.List;

/**
 * Scheduled jobs (ours): {@code GET /api/v1/jobs} every job, oldest first; {@code POST /api/v1/jobs}
 * {@code {"prompt", "at"|"in"|"every"|"cron", "time_zone"?, "name"?, "channel", "chat_id"}} adds one (201), owned
 * by the owner and answering in that chat; {@code GET} and {@code DELETE /api/v1/jobs/{id}} one job;
 * {@code POST /api/v1/jobs/{id}/pause|resume|run}. Every field is checked: an unknown field or one that is not
 * a string is 400, as is a bad schedule (the message says how to write it); no such job 404; a name taken, a run
 * still going or a time passed 409.
 */
final class JobsApi {
    static final String PATH = "/api/v1/jobs";
    static final String ONE_PREFIX = PATH + "/";
    private static final List<String> FIELDS = List.of("name", "prompt", "at", "in", "every", "cron", "time_zone",
            "channel", "chat_id");

    private final Jobs jobs;
    private final Scheduler scheduler;

    JobsApi(Jobs jobs, Scheduler scheduler) {
        this.jobs = jobs;
        this.scheduler = scheduler;
    }

    void mount(Router router) {
        router.exact(PATH, this::all, "GET", "POST");
        router.prefix(ONE_PREFIX, this::one, "GET", "POST", "DELETE");
    }

    private void all(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            JsonObject body = Requests.body(exchange);
            ScheduledJob job = refusing(() -> jobs.add(request(body), owner(body)));
            Responses.json(exchange, 201, JobView.json(job));
            return;
        }
        Responses.json(exchange, 200, jobs.list(Caller.OWNER).stream().map(JobView::json).toList());
    }

    private void one(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring(ONE_PREFIX.length()).split("/", -1);
        long id = id(parts[0]);
        String action = parts.length == 1 ? "" : parts[1];
        if (parts.length > 2 || !List.of("", "pause", "resume", "run").contains(action)) {
            throw HttpError.notFound();
        }
        String method = exchange.getRequestMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (action.isEmpty() != (read || method.equals("DELETE"))) {
            exchange.getResponseHeaders().set("Allow", action.isEmpty() ? "DELETE, GET, HEAD, OPTIONS" : "POST, OPTIONS");
            throw new HttpError(405, "method not allowed");
        }
        ScheduledJob job = refusing(() -> switch (action) {
            case "pause" -> jobs.pause(id, Caller.OWNER);
            case "resume" -> jobs.resume(id, Caller.OWNER);
            case "run" -> scheduler.runNow(id, Caller.OWNER);
            default -> read ? jobs.get(id, Caller.OWNER) : jobs.remove(id, Caller.OWNER);
        });
        Responses.json(exchange, 200, JobView.json(job));
    }

    private static JobRequest request(JsonObject body) {
        for (String key : body.asMap().keySet()) {
            if (!FIELDS.contains(key)) {
                throw HttpError.badRequest("unknown field '" + key + "'; a job has " + String.join(", ", FIELDS));
            }
            if (body.raw(key) != null && !(body.raw(key) instanceof String)) {
                throw HttpError.badRequest(key + " must be a string");
            }
        }
        return new JobRequest(text(body, "name"), text(body, "prompt"), text(body, "at"), text(body, "in"),
                text(body, "every"), text(body, "cron"), text(body, "time_zone"));
    }

    /** Jobs made through the API are the owner's, answering in the chat the body names. */
    private static ScheduledJob.Owner owner(JsonObject body) {
        return new ScheduledJob.Owner(Jobs.OWNER_SENDER, text(body, "channel"), text(body, "chat_id"), true);
    }

    private static String text(JsonObject body, String key) {
        return body.string(key, "").strip();
    }

    private static long id(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw HttpError.badRequest("a job id is a number, as in " + ONE_PREFIX + "3");
        }
        return Long.parseLong(text);
    }

    /** One job operation, with a refusal turned into its status: 400 invalid, 404 not found, 409 conflict. */
    private static ScheduledJob refusing(JobCall call) {
        try {
            return call.run();
        } catch (JobRefused e) {
            int status = switch (e.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            throw new HttpError(status, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "gateway is shutting down");
        }
    }

    @FunctionalInterface
    private interface JobCall {
        ScheduledJob run() throws InterruptedException;
    }
}
