package gomikrobot.scheduler;

import gomikrobot.config.Config;
import gomikrobot.timeline.JobStore;
import gomikrobot.timeline.NewJob;
import gomikrobot.timeline.ScheduledJob;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The book of jobs every front end goes through (the {@code cron} tool, the API, the command line): adds a job
 * once its request is checked, lists, pauses, resumes and removes jobs the caller may manage, and tells its
 * listeners (the scheduler) whenever a job changed, so a new job's run is planned at once. A job answers in a
 * chat of a channel that delivers later (the web UI, WhatsApp); in-line channels ({@code cli}, {@code local}) are
 * refused, since nobody would be waiting there when it runs.
 */
public final class Jobs {
    /** The sender id of jobs the owner makes outside a conversation (dashboard, API, command line, heartbeat). */
    public static final String OWNER_SENDER = "scheduler";
    static final int MAX_PROMPT_CHARS = 4000;
    static final int MAX_NAME_CHARS = 80;
    static final int MAX_CHAT_CHARS = 200;
    static final int MAX_JOBS_PER_SENDER = 100;
    private static final Set<String> IN_LINE = Set.of("cli", "local");

    private final JobStore store;
    private final Set<String> channels;
    private final ZoneId zone;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param channels the channels a job may answer in
     * @param zone     the zone of times and cron expressions that name none (the system's)
     */
    public Jobs(JobStore store, Set<String> channels, ZoneId zone, Clock clock) {
        this.store = store;
        this.channels = Set.copyOf(channels);
        this.zone = zone;
        this.clock = clock;
    }

    /** The channels that deliver answers later: the web UI always, WhatsApp and Telegram when they are enabled. */
    public static Set<String> answeringChannels(Config config) {
        Set<String> channels = new TreeSet<>(Set.of("webui"));
        if (config.channels().whatsapp().enabled()) {
            channels.add("whatsapp");
        }
        if (config.channels().telegram().enabled()) {
            channels.add("telegram");
        }
        return channels;
    }

    /** Calls {@code listener} after every change to a job. */
    public void listen(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Checks and stores a new job owned by {@code owner}, enabled, its first run planned.
     *
     * @throws JobRefused what is wrong with it, worded for whoever asked
     */
    public ScheduledJob add(JobRequest request, ScheduledJob.Owner owner) {
        checkOwner(owner);
        String prompt = request.prompt();
        if (prompt.isEmpty() || prompt.length() > MAX_PROMPT_CHARS) {
            throw JobRefused.invalid("the prompt (what the agent is to do when the job runs) must be 1 to "
                    + MAX_PROMPT_CHARS + " characters");
        }
        Schedule schedule;
        try {
            schedule = Schedules.parse(request, Schedules.zone(request.timeZone(), zone), clock.instant());
        } catch (IllegalArgumentException e) {
            throw JobRefused.invalid(e.getMessage());
        }
        if (store.countOwnedBy(owner.channel(), owner.senderId()) >= MAX_JOBS_PER_SENDER) {
            throw JobRefused.conflict("there are " + MAX_JOBS_PER_SENDER + " jobs for " + owner.senderId()
                    + " already: remove some first");
        }
        Instant first = schedule.next(clock.instant(), clock.instant()).orElseThrow();
        ScheduledJob job = request.name().isEmpty() ? insertNamed(prompt, schedule, owner, first)
                : insert(checkedName(request.name()), prompt, schedule, owner, first)
                        .orElseThrow(() -> JobRefused.conflict("a job named '" + request.name() + "' exists; choose"
                                + " another name"));
        changed();
        return job;
    }

    /** The jobs {@code caller} may manage, oldest first. */
    public List<ScheduledJob> list(Caller caller) {
        return store.list().stream().filter(caller::mayManage).toList();
    }

    /** @throws JobRefused NOT_FOUND when there is no such job the caller may manage */
    public ScheduledJob get(long id, Caller caller) {
        return store.get(id).filter(caller::mayManage).orElseThrow(() -> JobRefused.notFound(id));
    }

    /** Removes a job; the heartbeat cannot be removed, only paused or turned off in the configuration. */
    public ScheduledJob remove(long id, Caller caller) {
        ScheduledJob job = get(id, caller);
        if (Schedule.HEARTBEAT.equals(job.kind())) {
            throw JobRefused.conflict("the heartbeat comes from the configuration: pause it, or set"
                    + " scheduler.heartbeatInterval to 0 to turn it off");
        }
        store.delete(id);
        changed();
        return job;
    }

    public ScheduledJob pause(long id, Caller caller) {
        ScheduledJob job = get(id, caller);
        store.setEnabled(id, false, job.nextRunAt());
        changed();
        return get(id, caller);
    }

    /** Resumes a paused job from now on: runs it missed while paused are not made up. */
    public ScheduledJob resume(long id, Caller caller) {
        ScheduledJob job = get(id, caller);
        Instant now = clock.instant();
        Instant slot = job.nextRunAt() == null ? now : job.nextRunAt();
        Instant next = scheduleOf(job).next(slot, now).orElseThrow(() -> JobRefused.conflict("job #" + id
                + " was due at " + Schedules.local(slot, zoneOf(job)) + ", which has passed: add a new job"));
        store.setEnabled(id, true, next);
        changed();
        return get(id, caller);
    }

    /**
     * Makes the heartbeat job match the configuration: every {@code interval}, answering {@code owner}; removed
     * when {@code interval} is zero ({@code owner} may then be null).
     */
    public Optional<ScheduledJob> configureHeartbeat(Duration interval, ScheduledJob.Owner owner) {
        Optional<ScheduledJob> existing = store.byName(Schedule.HEARTBEAT);
        if (interval.isZero()) {
            existing.ifPresent(job -> store.delete(job.id()));
            changed();
            return Optional.empty();
        }
        Schedule every = new Schedule.Every(interval, Schedule.HEARTBEAT, zone);
        ScheduledJob job = store.putConfigured(new NewJob(Schedule.HEARTBEAT, "", owner, every.kind(), every.spec(),
                zone.getId(), clock.instant().plus(interval)));
        changed();
        return Optional.of(job);
    }

    /** Throws {@link JobRefused} INVALID when jobs cannot answer {@code owner}'s chat. */
    public void checkOwner(ScheduledJob.Owner owner) {
        String channel = owner.channel();
        if (IN_LINE.contains(channel)) {
            throw JobRefused.invalid("a job answers in the chat it was made in, and the " + channel + " channel only"
                    + " answers someone waiting for the answer, so nobody would read what the job says: make it from"
                    + " WhatsApp, Telegram or the web chat, or with `gomikrobot cron add --to CHANNEL:CHAT`");
        }
        if (!channels.contains(channel)) {
            throw JobRefused.invalid("jobs cannot answer on channel '" + channel + "'; they can on: "
                    + String.join(", ", new TreeSet<>(channels)));
        }
        String chat = owner.chatId();
        if (chat.isEmpty() || chat.length() > MAX_CHAT_CHARS || chat.chars().anyMatch(ch -> ch <= ' ')
                || channel.equals("webui") && !chat.chars().allMatch(Character::isDigit)) {
            throw JobRefused.invalid("'" + chat + "' is not a chat of " + channel
                    + (channel.equals("webui") ? " (a web user's number)" : ""));
        }
    }

    /** The zone of times and cron expressions that name none. */
    public ZoneId zone() {
        return zone;
    }

    JobStore store() {
        return store;
    }

    /** Every enabled job with a run ahead, for the scheduler. */
    List<ScheduledJob> planned() {
        return store.list().stream().filter(j -> j.enabled() && j.nextRunAt() != null).toList();
    }

    /** A job's schedule; throws {@link IllegalArgumentException} for a row this version cannot read. */
    static Schedule scheduleOf(ScheduledJob job) {
        return Schedule.of(job.kind(), job.spec(), zoneOf(job));
    }

    static ZoneId zoneOf(ScheduledJob job) {
        try {
            return job.timeZone().isEmpty() ? ZoneOffset.UTC : ZoneId.of(job.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + job.timeZone() + "'", e);
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private Optional<ScheduledJob> insert(String name, String prompt, Schedule schedule, ScheduledJob.Owner owner,
                                          Instant first) {
        return store.insert(new NewJob(name, prompt, owner, schedule.kind(), schedule.spec(), schedule.zone().getId(),
                first));
    }

    /** A job without a name is named after its prompt's first words, numbered when that name is taken. */
    private ScheduledJob insertNamed(String prompt, Schedule schedule, ScheduledJob.Owner owner, Instant first) {
        String stem = slug(prompt);
        for (int n = 1; ; n++) {
            String name = n == 1 ? stem : stem + "-" + n;
            Optional<ScheduledJob> job = insert(name, prompt, schedule, owner, first);
            if (job.isPresent()) {
                return job.get();
            }
        }
    }

    private static String slug(String prompt) {
        String[] words = prompt.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip().split(" ");
        String slug = String.join("-", List.of(words).subList(0, Math.min(5, words.length)));
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return slug.isEmpty() || slug.equals(Schedule.HEARTBEAT) ? "job" : slug;
    }

    private static String checkedName(String name) {
        if (name.length() > MAX_NAME_CHARS || name.chars().anyMatch(Character::isISOControl)) {
            throw JobRefused.invalid("a job name has at most " + MAX_NAME_CHARS + " characters and no control"
                    + " characters");
        }
        if (name.equalsIgnoreCase(Schedule.HEARTBEAT)) {
            throw JobRefused.invalid("the name 'heartbeat' is kept for the heartbeat; choose another");
        }
        return name;
    }
}
