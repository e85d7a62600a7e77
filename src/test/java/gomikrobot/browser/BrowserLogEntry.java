package gomikrobot.browser;

/** One line of the browser console as chromedriver reports it (level SEVERE, WARNING, INFO, DEBUG). */
public record BrowserLogEntry(String level, String message, long timestampMillis) {
    public boolean isSevere() {
        return "SEVERE".equals(level);
    }
}
