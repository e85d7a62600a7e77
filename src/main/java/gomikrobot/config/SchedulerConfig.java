package gomikrobot.config;

import java.time.Duration;

/**
 * The scheduler: how late a run may still start after the gateway was down ({@code catchUp}, 1 h; older
 * misses are skipped and recorded), how often the heartbeat reads {@code HEARTBEAT.md} ({@code heartbeatInterval},
 * 30 min, zero = off), where its answers go ({@code heartbeatTo}, {@code CHANNEL:CHAT}, empty = nowhere, so it does
 * not run) and when its answers are held back ({@code quietHours}, {@code HH:MM-HH:MM} in the system's zone, may
 * cross midnight, empty = never). Formats are checked by the settings' rules.
 */
public record SchedulerConfig(Duration catchUp, Duration heartbeatInterval, String heartbeatTo, String quietHours) {
}
