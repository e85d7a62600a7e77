package gomikrobot.tools;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether {@code exec} may run a command line, before any process starts. Three checks in order: the
 * deny rules (always), the strict allowlist (when configured: every command word of every segment must be
 * listed exactly), and, when exec is restricted to the workspace, no {@code ../} path traversal.
 *
 * <p>The rules match text, not a parsed shell: they also refuse harmless look-alikes such as
 * {@code echo rm -rf is bad} or {@code grep halt notes.txt}, because quoting and {@code sh -c "..."} can turn
 * such text into a real command. That is a deliberate trade: a refusal costs the model a rephrase. They are a
 * guard rail against accidents and obvious abuse, not a sandbox; the allowlist is the strict option.
 */
final class CommandGuard {
    /** One named rule; the name is what the model is told. */
    record DenyRule(String name, Pattern pattern) {
    }

    /** The rest of the current simple command: everything up to the next {@code ; & |} or newline. */
    private static final String SEGMENT = "[^;&|\\n]*";
    /** A command word {@code rm}, also as {@code /bin/rm}, but not {@code rm.txt} or {@code perm}. */
    private static final String RM = "(?<![\\w.-])rm(?![\\w.-])";
    private static final String RECURSIVE_FLAG = "\\s(?:-[a-z]*r|--recursive\\b)";
    /** An argument naming the filesystem root, any absolute path, or the home directory. */
    private static final String ROOT_OR_HOME_ARG = "(?<![<>])\\s+['\"]?(?:/|~|\\$\\{?HOME\\b)";

    /** Every deny rule, matched case-insensitively anywhere in the command line. */
    static final List<DenyRule> DENY_RULES = List.of(
            // rm -rf, rm -fr, rm -Rf, rm -r -f, rm --recursive --force, in any order, also as /bin/rm
            rule("rm_recursive_force", RM + "(?=" + SEGMENT + RECURSIVE_FLAG + ")(?=" + SEGMENT
                    + "\\s(?:-[a-z]*f|--force\\b))"),
            // rm of /, /*, ~, $HOME or any absolute or home path (the original refused rm of any /... or ~...)
            rule("rm_root_or_home", RM + SEGMENT + ROOT_OR_HOME_ARG),
            // formatting a filesystem: mkfs, mkfs.ext4, ...
            rule("mkfs", "\\bmkfs"),
            // partition editors (in the original's list)
            rule("disk_partitioning", "\\b(?:fdisk|sfdisk|cfdisk)\\b"),
            // dd writing to a device; of=/dev/null is harmless and common in benchmarks
            rule("dd_to_device", "\\bdd\\b" + SEGMENT + "\\bof=/dev/(?!null\\b)"),
            // redirecting output onto a device such as /dev/sda; /dev/null, stdout, stderr, tty and fd stay usable
            rule("redirect_to_device", ">\\s*/dev/(?!(?:null|stdout|stderr|tty)\\b|fd/)"),
            // fork bombs: :(){ :|:& };: and the same shape with any function name
            rule("fork_bomb", "(?<![\\w:.])([\\w:.]+)\\s*\\(\\s*\\)\\s*\\{[^}]*?\\1\\s*\\|\\s*\\1\\s*&"),
            // stopping or restarting the machine
            rule("power_off_or_reboot", "\\b(?:shutdown|reboot|halt|poweroff)\\b"),
            rule("init_runlevel", "\\b(?:tel)?init\\s+[0-6s]\\b"),
            // chmod -R 777 (or a+rwx) on anything, as the original
            rule("chmod_recursive_777", "\\bchmod\\b(?=" + SEGMENT + RECURSIVE_FLAG + ")(?=" + SEGMENT
                    + "\\s(?:[0-7]?777|a\\+rwx)\\b)"),
            // chown -R on /, ~, $HOME or any absolute path
            rule("chown_recursive_root_or_home", "\\bchown\\b(?=" + SEGMENT + RECURSIVE_FLAG + ")" + SEGMENT
                    + ROOT_OR_HOME_ARG),
            // service management of the host
            rule("systemctl", "\\bsystemctl\\b"),
            // deleting tracked files from the work repo, also with global options (git -C dir rm)
            rule("git_rm", "\\bgit\\s+(?:-[\\w-]+(?:[= ]\\S+)?\\s+)*rm\\b"),
            // mass deletion through find
            rule("find_delete", "\\bfind\\b" + SEGMENT + "\\s-delete\\b"));

    /** Where a strict allowlist splits a command line into segments whose first word is the command. */
    private static final Pattern SEGMENT_SPLIT = Pattern.compile("\\$\\(|`|&&|\\|\\||(?<![<>])&(?!>)|[;|\\n()]");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=\\S*");
    private static final Pattern TRAVERSAL = Pattern.compile("\\.\\./|\\.\\.\\\\|/\\.\\.|\\\\\\.\\.");

    private final Set<String> allowCommands;
    private final boolean restrictToWorkspace;

    /** An empty {@code allowCommands} means deny rules only. */
    CommandGuard(List<String> allowCommands, boolean restrictToWorkspace) {
        this.allowCommands = allowCommands == null ? Set.of() : Set.copyOf(allowCommands);
        this.restrictToWorkspace = restrictToWorkspace;
    }

    /** The rule the command breaks, worded for the model, or empty when it may run. */
    Optional<String> violation(String command) {
        for (DenyRule rule : DENY_RULES) {
            if (rule.pattern().matcher(command).find()) {
                return Optional.of("blocked_command: " + rule.name());
            }
        }
        if (!allowCommands.isEmpty()) {
            for (String segment : SEGMENT_SPLIT.split(command)) {
                Optional<String> word = commandWord(segment);
                if (word.isPresent() && !allowCommands.contains(word.get())) {
                    return Optional.of("command_not_allowed: " + word.get());
                }
            }
        }
        if (restrictToWorkspace && TRAVERSAL.matcher(command).find()) {
            return Optional.of("path_traversal");
        }
        return Optional.empty();
    }

    /** The first word that is not a {@code NAME=value} assignment, if the segment has any words. */
    private static Optional<String> commandWord(String segment) {
        for (String word : segment.strip().split("\\s+")) {
            if (!word.isEmpty() && !ENV_ASSIGNMENT.matcher(word).matches()) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    private static DenyRule rule(String name, String regex) {
        return new DenyRule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
}
