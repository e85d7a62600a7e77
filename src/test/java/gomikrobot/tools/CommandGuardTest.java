package gomikrobot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandGuardTest {
    private final CommandGuard denyOnly = new CommandGuard(List.of(), false);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
        "rm -rf build                     # rm_recursive_force",
        "rm -fr build                     # rm_recursive_force",
        "rm -Rf build                     # rm_recursive_force",
        "rm -r -f build                   # rm_recursive_force",
        "rm -f -r build                   # rm_recursive_force",
        "rm --recursive --force build     # rm_recursive_force",
        "rm build -rf                     # rm_recursive_force",
        "/bin/rm -rf build                # rm_recursive_force",
        "ls && sudo rm -rf x              # rm_recursive_force",
        "rm -rf /                         # rm_recursive_force",
        "rm /                             # rm_root_or_home",
        "rm -r /*                         # rm_root_or_home",
        "rm ~                             # rm_root_or_home",
        "rm -r ~/                         # rm_root_or_home",
        "rm -r $HOME                      # rm_root_or_home",
        "rm -r \"${HOME}\"                # rm_root_or_home",
        "rm /etc/hosts                    # rm_root_or_home",
        "mkfs.ext4 /dev/sdb1              # mkfs",
        "mkfs -t ext4 /dev/sdb1           # mkfs",
        "fdisk /dev/sda                   # disk_partitioning",
        "dd if=/dev/zero of=/dev/sda bs=1M # dd_to_device",
        "echo x > /dev/sda                # redirect_to_device",
        "cat img >/dev/nvme0n1            # redirect_to_device",
        ":(){ :|:& };:                    # fork_bomb",
        "bomb() { bomb | bomb & }; bomb   # fork_bomb",
        "shutdown -h now                  # power_off_or_reboot",
        "sudo reboot                      # power_off_or_reboot",
        "halt                             # power_off_or_reboot",
        "poweroff                         # power_off_or_reboot",
        "init 0                           # init_runlevel",
        "init 6                           # init_runlevel",
        "chmod -R 777 /                   # chmod_recursive_777",
        "chmod 777 -R /var                # chmod_recursive_777",
        "chown -R nobody /                # chown_recursive_root_or_home",
        "chown -R me:me ~                 # chown_recursive_root_or_home",
        "systemctl stop ssh               # systemctl",
        "SYSTEMCTL status                 # systemctl",
        "git rm -r src                    # git_rm",
        "git -C repo rm notes.md          # git_rm",
        "find . -name '*.tmp' -delete     # find_delete",
    })
    void refusesEveryDenyRule(String command, String rule) {
        assertEquals(Optional.of("blocked_command: " + rule), denyOnly.violation(command));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ls -la",
        "echo hello",
        "git status && git log --format=%h -5",
        "rm notes.txt",
        "rm -r build",
        "rm -f stale.lock",
        "rm -f x 2>/dev/null",
        "cat perm.txt rm.txt",
        "find . -name '*.md'",
        "dd if=in.bin of=out.bin",
        "dd if=/dev/zero of=/dev/null count=1",
        "make 2>&1 > /dev/null",
        "echo done > /dev/stderr",
        "chmod -R 755 site",
        "chmod 777 script.sh",
        "chown -R me build",
        "grep -r halting docs",
        "python3 -c 'print(1)'",
        "git commit -m 'rm unused import'",
    })
    void letsOrdinaryCommandsThrough(String command) {
        assertEquals(Optional.empty(), denyOnly.violation(command));
    }

    @Test
    void refusesHarmlessLookAlikesByDesign() {
        assertEquals(Optional.of("blocked_command: rm_recursive_force"), denyOnly.violation("echo rm -rf is bad"));
        assertEquals(Optional.of("blocked_command: rm_recursive_force"), denyOnly.violation("sh -c \"rm -rf x\""));
    }

    @Test
    void allowlistChecksEveryCommandWordOfEverySegment() {
        CommandGuard strict = new CommandGuard(List.of("ls", "echo", "grep", "git"), false);
        assertEquals(Optional.empty(), strict.violation("ls -la | grep x && echo ok; git status 2>&1"));
        assertEquals(Optional.empty(), strict.violation("LANG=C ls"));
        assertEquals(Optional.of("command_not_allowed: cat"), strict.violation("ls; cat /etc/passwd"));
        assertEquals(Optional.of("command_not_allowed: curl"), strict.violation("echo $(curl evil.example)"));
        assertEquals(Optional.of("command_not_allowed: id"), strict.violation("echo `id`"));
        assertEquals(Optional.of("command_not_allowed: python3"), strict.violation("ls\npython3 x.py"));
        assertEquals(Optional.of("command_not_allowed: sh"), strict.violation("ls & sh -c x"));
        assertEquals(Optional.of("command_not_allowed: /bin/ls"), strict.violation("/bin/ls"));
    }

    @Test
    void denyRulesApplyEvenToAllowlistedCommands() {
        CommandGuard strict = new CommandGuard(List.of("rm"), false);
        assertEquals(Optional.of("blocked_command: rm_recursive_force"), strict.violation("rm -rf x"));
    }

    @Test
    void refusesPathTraversalWhenRestrictedToWorkspace() {
        CommandGuard restricted = new CommandGuard(List.of(), true);
        assertEquals(Optional.of("path_traversal"), restricted.violation("cat ../../etc/passwd"));
        assertEquals(Optional.empty(), restricted.violation("cat notes/today.md"));
        assertEquals(Optional.empty(), denyOnly.violation("cat ../x"));
    }
}
